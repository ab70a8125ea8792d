Hello {{FIRST_NAME}},

We did not receive the documents for case {{REFERENCE}} in time, so the case has been closed and your
account was not created. To verify your identity manually, register again and choose a new user ID.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
