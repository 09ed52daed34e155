package net.voicegslb.gslb.policy.model;

/** DNS record types a GSLB service name answers. */
public enum RecordType {
    A, AAAA, SRV, NAPTR
}
