{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your account has been created</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>Your documents have been verified and your account has been created.</p>
<p>User ID: <strong>{{USER_ID}}</strong></p>
<p><strong>Next step:</strong> sign in to finish setting up your account. For security reasons, every account must have two-factor authentication: when you sign in for the first time, you will be asked to set it up.</p>
<p><a href="{{SIGNIN_URL}}" style="background: #005ea2; color: #fff; padding: 0.6em 1.2em; text-decoration: none; border-radius: 0.25em;">Login to complete setup</a></p>
<p>Case reference: {{REFERENCE}}</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
