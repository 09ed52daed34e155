package net.voicegslb.gslb.deploy.it.gslb;

/** SRV rdata as dig prints it: {@code priority weight port target}. */
record SrvRecord(int priority, int weight, int port, String target) {

    static SrvRecord parse(String rdata) {
        String[] p = rdata.trim().split("\\s+");
        if (p.length != 4) {
            throw new IllegalArgumentException("not SRV rdata: " + rdata);
        }
        return new SrvRecord(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3]);
    }
}
