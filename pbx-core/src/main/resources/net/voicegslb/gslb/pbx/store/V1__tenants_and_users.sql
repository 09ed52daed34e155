-- Tenants (SIP domains) and their users. Only digest hashes are stored (HA1 = H(user:realm:password),
-- realm = the tenant's domain), one per algorithm, so no password can be read back.
CREATE TABLE tenant (
    domain        VARCHAR(253) PRIMARY KEY,
    auth_required BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE sip_user (
    domain     VARCHAR(253) NOT NULL REFERENCES tenant (domain) ON DELETE CASCADE,
    username   VARCHAR(128) NOT NULL,
    ha1_md5    CHAR(32)     NOT NULL,
    ha1_sha256 CHAR(64)     NOT NULL,
    updated_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (domain, username)
);
