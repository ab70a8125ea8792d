Hello {{FIRST_NAME}},

You asked to verify your identity manually. Your case reference is:

    {{REFERENCE}}

Quote it whenever you contact us or send documents. Your user ID {{USER_ID}} is reserved for you.

WHAT TO SEND
{{#EVIDENCE}}  - {{ITEM}}: {{DETAIL}}
{{/EVIDENCE}}{{#SSN_NEEDED}}Because you did not enter your Social Security number, send only its LAST FOUR DIGITS.
Never send the full number by email.
{{/SSN_NEEDED}}
HOW TO SEND IT (choose one)
  - Upload: {{BASE_URL}}{{UPLOAD_PATH}}
  - Email: reply to this message with the documents attached.
  - Fax: {{HELPDESK_FAX}} (write {{REFERENCE}} on the cover page).
  - Post: {{HELPDESK_POSTAL}} (include {{REFERENCE}}).

The statements must be addressed to the home address you registered. We will email you if we need
anything else, and again when your account has been created.

{{HELPDESK_NAME}}
{{HELPDESK_PHONE}} - {{HELPDESK_HOURS}}
{{#CONTACTS}}{{TOPIC}}: {{HOW}}
{{/CONTACTS}}