Your identity proofing case {{REFERENCE}} has been closed
