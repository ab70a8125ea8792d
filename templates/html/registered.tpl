{{%AUTOESCAPE context="HTML"}}
<div class="usa-alert usa-alert--success" role="status">
  <div class="usa-alert__body">
    <h1 class="usa-alert__heading">Your case reference is <span class="pd-reference" id="case-reference">{{REFERENCE}}</span></h1>
    <p class="usa-alert__text">We sent the instructions to {{EMAIL}}. Quote this reference whenever you contact us or send documents.</p>
  </div>
</div>
<h2>Next: send your documents</h2>
<ul class="usa-list">
{{#EVIDENCE}}  <li><strong>{{ITEM}}</strong>: {{DETAIL}}</li>
{{/EVIDENCE}}
</ul>
<p><a class="usa-button" id="upload-link" href="{{UPLOAD_PATH}}">Upload your documents now</a></p>
<p>This upload link is also in your email. You can instead reply to that email with the documents attached, fax them to {{HELPDESK_FAX}}, or mail copies to {{HELPDESK_POSTAL}}.</p>
