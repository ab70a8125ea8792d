Hello {{FIRST_NAME}},

Thank you for your email about case {{REFERENCE}}. We could not find a document we can use in it: there
was no attachment, or the attachments were not JPEG, PNG, TIFF or PDF files.

{{#MISSING}}Still needed: {{ITEM}}
{{/MISSING}}
Please send the documents through your upload link: {{BASE_URL}}{{UPLOAD_PATH}}
or reply to this email with them attached (a photo or scan of each page), or fax them to {{HELPDESK_FAX}}
quoting {{REFERENCE}}.

This is an automatic reply; you will receive it at most once a day.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
