{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your case was not approved</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>We could not verify your identity from the documents sent for case <strong>{{REFERENCE}}</strong>.</p>
<p><strong>Reason:</strong> {{REASON}}</p>
<p>Your account has not been created. If you believe this is a mistake, or you want to start again with other documents, contact the help desk and quote {{REFERENCE}}.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
<table>{{#CONTACTS}}<tr><td>{{TOPIC}}</td><td>{{HOW}}</td></tr>{{/CONTACTS}}</table>
</body></html>
