Hello {{FIRST_NAME}},

Your documents have been verified and your account has been created.

    User ID: {{USER_ID}}

Next step: sign in to finish setting up your account. For security reasons, every account must have
two-factor authentication: when you sign in for the first time, you will be asked to set it up.

Sign in: {{SIGNIN_URL}}

Case reference: {{REFERENCE}}

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
