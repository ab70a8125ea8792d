Hello {{FIRST_NAME}},

We reviewed the documents for case {{REFERENCE}} and need more information before we can create your
account.

{{MESSAGE}}

{{#MISSING}}Still missing: {{ITEM}}
{{/MISSING}}
Send it through your upload link: {{BASE_URL}}{{UPLOAD_PATH}}
or reply to this email with the documents attached, or fax them to {{HELPDESK_FAX}} quoting {{REFERENCE}}.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
