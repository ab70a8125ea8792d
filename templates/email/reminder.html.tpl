{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>We are waiting for your documents</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>We have not yet received everything we need for case <strong>{{REFERENCE}}</strong>.</p>
<p>Evidence so far: {{EVIDENCE_SUMMARY}}</p>
<ul>{{#MISSING}}<li>Still missing: {{ITEM}}</li>{{/MISSING}}</ul>
<p><a href="{{BASE_URL}}{{UPLOAD_PATH}}">Upload your documents</a>, reply to this email with them attached, or fax them to {{HELPDESK_FAX}} quoting {{REFERENCE}}. Cases without documents are closed after a while; you would then have to register again.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
