{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>We received your documents</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>We received the documents for case <strong>{{REFERENCE}}</strong>:</p>
<ul>
{{#DOCUMENTS}}<li>{{NAME}}</li>
{{/DOCUMENTS}}
</ul>
<p>Evidence: {{EVIDENCE_SUMMARY}}</p>
<ul>{{#MISSING}}<li>Still missing: {{ITEM}}</li>{{/MISSING}}</ul>
<p>A reviewer will check your documents against your registration and email you with the result.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
</body></html>
