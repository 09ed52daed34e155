package net.voicegslb.gslb.deploy;

import picocli.CommandLine;

/** Version from the jar manifest, so that it is always the version that was built. */
final class GslbVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = GslbVersion.class.getPackage().getImplementationVersion();
        return new String[] {"gslb " + (v == null ? "(development build)" : v)};
    }
}
