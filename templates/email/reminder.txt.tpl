Hello {{FIRST_NAME}},

We have not yet received everything we need for case {{REFERENCE}}.

Evidence so far: {{EVIDENCE_SUMMARY}}
{{#MISSING}}Still missing: {{ITEM}}
{{/MISSING}}
Upload: {{BASE_URL}}{{UPLOAD_PATH}}
Or reply to this email with the documents attached, or fax them to {{HELPDESK_FAX}} quoting {{REFERENCE}}.
Cases without documents are closed after a while; you would then have to register again.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
