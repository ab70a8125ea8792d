{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your identity proofing case {{REFERENCE}}</title></head>
<body style="font-family: 'Source Sans Pro', Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 40em;">
<p>Hello {{FIRST_NAME}},</p>
<p>You asked to verify your identity manually. Your case reference is <strong style="font-size: 1.3em;">{{REFERENCE}}</strong>. Quote it whenever you contact us or send documents. Your user ID <strong>{{USER_ID}}</strong> is reserved for you.</p>
<h2 style="font-size: 1.2em;">What to send</h2>
<ul>
{{#EVIDENCE}}<li><strong>{{ITEM}}</strong>: {{DETAIL}}</li>
{{/EVIDENCE}}
</ul>
{{#SSN_NEEDED}}<p>Because you did not enter your Social Security number, send only its <strong>last four digits</strong>. Never send the full number by email.</p>{{/SSN_NEEDED}}
<h2 style="font-size: 1.2em;">How to send it (choose one)</h2>
<ul>
<li><a href="{{BASE_URL}}{{UPLOAD_PATH}}">Upload your documents</a></li>
<li>Email: reply to this message with the documents attached.</li>
<li>Fax: {{HELPDESK_FAX}} (write {{REFERENCE}} on the cover page).</li>
<li>Post: {{HELPDESK_POSTAL}} (include {{REFERENCE}}).</li>
</ul>
<p>The statements must be addressed to the home address you registered. We will email you if we need anything else, and again when your account has been created.</p>
<p>{{HELPDESK_NAME}}<br>{{HELPDESK_PHONE}} &middot; {{HELPDESK_HOURS}}</p>
<table>{{#CONTACTS}}<tr><td>{{TOPIC}}</td><td>{{HOW}}</td></tr>{{/CONTACTS}}</table>
</body></html>
