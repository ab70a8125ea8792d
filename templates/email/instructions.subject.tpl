Your identity proofing case {{REFERENCE}}: what to send
