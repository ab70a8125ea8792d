{{%AUTOESCAPE context="HTML"}}
<h1>Verify your identity by sending documents</h1>
<p class="usa-intro">If you could not verify your identity online, or chose not to enter your full Social Security number, you can verify it manually: register your profile, then send copies of your documents to the help desk. A reviewer checks them against your profile and creates your account.</p>
<div class="usa-summary-box" role="region" aria-labelledby="what-to-send">
  <div class="usa-summary-box__body">
    <h2 class="usa-summary-box__heading" id="what-to-send">What you need to send</h2>
    <div class="usa-summary-box__text">
      <ul class="usa-list" id="evidence-list">
{{#EVIDENCE}}        <li><strong>{{ITEM}}</strong>: {{DETAIL}}</li>
{{/EVIDENCE}}
      </ul>
    </div>
  </div>
</div>
<h2>How it works</h2>
<ol class="usa-process-list">
  <li class="usa-process-list__item"><h3 class="usa-process-list__heading">Register your profile</h3><p>Enter your legal name, date of birth, home address and contact details, then choose your user ID, password and challenge question. You receive a case reference by email.</p></li>
  <li class="usa-process-list__item"><h3 class="usa-process-list__heading">Send your documents</h3><p>Upload them through the link in your email, reply to the email with them attached, fax them to {{HELPDESK_FAX}}, or mail copies to {{HELPDESK_POSTAL}}. Always quote your case reference.</p></li>
  <li class="usa-process-list__item"><h3 class="usa-process-list__heading">We review them</h3><p>The help desk emails you if it needs more information. When your documents are verified, you receive an email confirming that your account was created.</p></li>
  <li class="usa-process-list__item"><h3 class="usa-process-list__heading">Finish setting up your account</h3><p>Sign in and set up two-factor authentication.</p></li>
</ol>
<p><a class="usa-button usa-button--big" href="/register">Initiate manual proofing</a></p>
<p>Questions? {{HELPDESK_NAME}}, {{HELPDESK_HOURS}}: {{HELPDESK_PHONE}}.</p>
