{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>More information needed</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>We reviewed the documents for case <strong>{{REFERENCE}}</strong> and need more information before we can create your account.</p>
<blockquote style="white-space: pre-wrap; border-left: 4px solid #005ea2; padding-left: 1em;">{{MESSAGE}}</blockquote>
<ul>{{#MISSING}}<li>Still missing: {{ITEM}}</li>{{/MISSING}}</ul>
<p><a href="{{BASE_URL}}{{UPLOAD_PATH}}">Upload your documents</a>, reply to this email with them attached, or fax them to {{HELPDESK_FAX}} quoting {{REFERENCE}}.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
