{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>We found no documents in your email</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>Thank you for your email about case <strong>{{REFERENCE}}</strong>. We could not find a document we can use in it: there was no attachment, or the attachments were not JPEG, PNG, TIFF or PDF files.</p>
<ul>{{#MISSING}}<li>Still needed: {{ITEM}}</li>{{/MISSING}}</ul>
<p><a href="{{BASE_URL}}{{UPLOAD_PATH}}">Upload your documents</a>, reply to this email with them attached (a photo or scan of each page), or fax them to {{HELPDESK_FAX}} quoting {{REFERENCE}}.</p>
<p>This is an automatic reply; you will receive it at most once a day.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
