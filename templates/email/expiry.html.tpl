{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your case has been closed</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>We did not receive the documents for case <strong>{{REFERENCE}}</strong> in time, so the case has been closed and your account was not created. To verify your identity manually, <a href="{{BASE_URL}}/register">register again</a> and choose a new user ID.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
