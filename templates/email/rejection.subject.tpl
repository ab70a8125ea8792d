Your identity proofing case {{REFERENCE}} was not approved
