Hello {{FIRST_NAME}},

We could not verify your identity from the documents sent for case {{REFERENCE}}.

Reason: {{REASON}}

Your account has not been created. If you believe this is a mistake, or you want to start again with
other documents, contact the help desk and quote {{REFERENCE}}.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
{{#CONTACTS}}{{TOPIC}}: {{HOW}}
{{/CONTACTS}}