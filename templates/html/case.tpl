{{%AUTOESCAPE context="HTML"}}
<h1>Case <span class="pd-reference" id="case-reference">{{REFERENCE}}</span></h1>
<p class="usa-intro"><span id="case-state">{{STATE}}</span> for {{AGE}} &middot; opened {{CREATED}} by {{CHANNEL}} &middot; user ID {{USER_ID}}</p>
{{#NOTICE}}<div class="usa-alert usa-alert--success usa-alert--slim" role="status"><div class="usa-alert__body"><p class="usa-alert__text">{{MESSAGE}}</p></div></div>{{/NOTICE}}
{{#PROBLEM}}<div class="usa-alert usa-alert--error usa-alert--slim" role="alert"><div class="usa-alert__body"><p class="usa-alert__text" id="case-problem">{{MESSAGE}}</p></div></div>{{/PROBLEM}}
<div class="grid-row grid-gap">
<div class="tablet:grid-col-4">
  <h2>Profile</h2>
  <dl class="pd-profile">
{{#PROFILE}}    <dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/PROFILE}}
  </dl>
  <h2>Evidence</h2>
  <p id="evidence-summary">{{EVIDENCE_SUMMARY}}</p>
  <ul class="usa-list">
{{#MISSING}}    <li>Missing: {{ITEM}}</li>
{{/MISSING}}
  </ul>
  <h2>Decision</h2>
{{#CLAIMED_BY_OTHER}}  <p>{{WHO}} is working on this case.</p>{{/CLAIMED_BY_OTHER}}
{{#UNCLAIMED}}
  <form method="post" action="/review/cases/{{REFERENCE}}/claim">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button class="usa-button" type="submit" id="claim">Work on this case</button>
  </form>
{{/UNCLAIMED}}
{{#CLAIMED_BY_ME}}
  <p>You are working on this case.</p>
{{#ACTION_approve}}
  <form method="post" action="/review/cases/{{REFERENCE}}/approve" class="pd-decision">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button class="usa-button" type="submit" id="approve">Approve and create the account</button>
  </form>
{{/ACTION_approve}}
{{#ACTION_request_info}}
  <form method="post" action="/review/cases/{{REFERENCE}}/request_info" class="usa-form pd-decision">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="usa-label" for="message">Message to the applicant</label>
    <textarea class="usa-textarea" id="message" name="message" rows="5">{{MESSAGE}}</textarea>
    <button class="usa-button usa-button--outline" type="submit" id="request-info">Request more information</button>
  </form>
{{/ACTION_request_info}}
{{#ACTION_reject}}
  <form method="post" action="/review/cases/{{REFERENCE}}/reject" class="usa-form pd-decision">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="usa-label" for="reason_code">Reason for rejection</label>
    <select class="usa-select" id="reason_code" name="reason_code">
      <option value="">- Select -</option>
{{#REASONS}}      <option value="{{CODE}}">{{TEXT}}</option>
{{/REASONS}}
    </select>
    <label class="usa-label" for="details">Details (sent to the applicant)</label>
    <textarea class="usa-textarea" id="details" name="details" rows="3"></textarea>
    <button class="usa-button usa-button--secondary" type="submit" id="reject">Reject</button>
  </form>
{{/ACTION_reject}}
  <form method="post" action="/review/cases/{{REFERENCE}}/release">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button class="usa-button usa-button--unstyled" type="submit" id="release">Release the case back to the queue</button>
  </form>
{{/CLAIMED_BY_ME}}
</div>
<div class="tablet:grid-col-8">
  <h2>Documents</h2>
{{#NO_DOCUMENTS}}  <p>No documents yet.</p>{{/NO_DOCUMENTS}}
{{#DOCUMENTS}}
  <section class="pd-document" aria-label="{{NAME}}">
    <h3>{{KIND}}: {{NAME}}</h3>
    <p class="usa-hint">{{MEDIA}}, {{PAGE_COUNT}} page(s), received {{RECEIVED}} by {{CHANNEL}} &middot; reading: <span class="pd-read-state">{{READ_STATE}}</span></p>
{{#READ_ERROR}}    <div class="usa-alert usa-alert--warning usa-alert--slim"><div class="usa-alert__body"><p class="usa-alert__text">Could not be read: {{MESSAGE}}</p></div></div>{{/READ_ERROR}}
{{#EXTRACTION}}
    <table class="usa-table usa-table--compact pd-fields">
      <caption>Read as {{TYPE}}</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Confidence</th><th scope="col">Source</th></tr></thead>
      <tbody>
{{#FIELDS}}        <tr{{#LOW}} class="pd-low"{{/LOW}}><th scope="row">{{FIELD}}</th><td>{{VALUE}}</td><td>{{CONFIDENCE}}{{#LOW}} (low){{/LOW}}</td><td>{{SOURCE}}</td></tr>
{{/FIELDS}}
      </tbody>
    </table>
{{#NOTES}}    <p class="usa-hint">{{TEXT}}</p>
{{/NOTES}}
{{/EXTRACTION}}
{{#PAGES}}    <figure class="pd-page"><div class="pd-page__frame"><a href="{{SRC}}"><img src="{{SRC}}" alt="{{KIND}}, page {{NUMBER}}" loading="lazy"></a>{{#OUTLINES}}<svg class="pd-outlines" viewBox="{{VIEWBOX}}" preserveAspectRatio="none" aria-hidden="true">{{#RECTS}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{FIELD}}</title></rect>{{/RECTS}}</svg>{{/OUTLINES}}</div><figcaption>Page {{NUMBER}}{{#OUTLINES}}: outlined where each field was read{{/OUTLINES}}</figcaption></figure>
{{/PAGES}}
  </section>
{{/DOCUMENTS}}
{{#MESSAGES}}
  <section class="pd-message" aria-label="Message {{ID}}">
    <h3>Message from {{FROM}}: {{SUBJECT}}</h3>
    <p class="usa-hint">received {{RECEIVED}} by {{CHANNEL}} &middot; dated {{DATE}} &middot; SPF {{SPF}}, DKIM {{DKIM}}, DMARC {{DMARC}} &middot; {{ATTACHMENT_COUNT}} attachment(s) &middot; {{NOTE}}</p>
    <pre class="pd-note" style="white-space: pre-wrap;">{{BODY}}</pre>
  </section>
{{/MESSAGES}}
</div>
</div>
<h2>History</h2>
<table class="usa-table usa-table--borderless" id="history">
  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Event</th><th scope="col">New state</th><th scope="col">Note</th></tr></thead>
  <tbody>
{{#HISTORY}}    <tr><td>{{AT}}</td><td>{{ACTOR}}</td><td>{{EVENT}}</td><td>{{TO}}</td><td class="pd-note">{{NOTE}}</td></tr>
{{/HISTORY}}
  </tbody>
</table>
<details>
  <summary>Audit trail</summary>
  <table class="usa-table usa-table--borderless" id="audit">
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Detail</th></tr></thead>
    <tbody>
{{#AUDIT}}      <tr><td>{{AT}}</td><td>{{ACTOR}}</td><td>{{ACTION}}</td><td>{{DETAIL}}</td></tr>
{{/AUDIT}}
    </tbody>
  </table>
</details>
