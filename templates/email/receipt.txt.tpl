Hello {{FIRST_NAME}},

We received the documents for case {{REFERENCE}}:
{{#DOCUMENTS}}  - {{NAME}}
{{/DOCUMENTS}}
Evidence: {{EVIDENCE_SUMMARY}}
{{#MISSING}}Still missing: {{ITEM}}
{{/MISSING}}
A reviewer will check your documents against your registration and email you with the result.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
