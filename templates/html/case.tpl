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
{{#NEEDS_REASON}}
    <div class="usa-alert usa-alert--warning usa-alert--slim"><div class="usa-alert__body"><p class="usa-alert__text" id="approve-warning">{{FAILED}} check(s) failed. Approving anyway needs a written reason, and a supervisor other than you gives the second approval.</p></div></div>
    <label class="usa-label" for="approve-reason">Why approve despite the failing check(s)? (read by the supervisor)</label>
    <textarea class="usa-textarea" id="approve-reason" name="reason" rows="3" required></textarea>
    <button class="usa-button" type="submit" id="approve">Approve and ask for a second approval</button>
{{/NEEDS_REASON}}
{{#PLAIN_APPROVE}}    <button class="usa-button" type="submit" id="approve">Approve and create the account</button>
{{/PLAIN_APPROVE}}
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
  <section class="pd-checks" aria-labelledby="checks-heading">
  <h2 id="checks-heading">Checks</h2>
  <p>Checks advise; you decide. <span id="checks-failed">{{CHECKS_FAILED}}</span> failing, <span id="checks-unknown">{{CHECKS_UNKNOWN}}</span> to look at.</p>
  <p>Evidence as read: <strong id="checks-evidence">{{CHECKS_EVIDENCE}}</strong></p>
{{#PAIRED}}  <p class="usa-hint pd-paired">Read as the two sides of one card: {{BACK}} (back) and {{FRONT}} (front).</p>
{{/PAIRED}}
  <table class="usa-table usa-table--compact usa-table--stacked pd-checklist" id="checks">
    <caption class="usa-sr-only">Checks, failing first</caption>
    <thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Document</th><th scope="col">Registered</th><th scope="col">Found</th><th scope="col">Why</th></tr></thead>
    <tbody>
{{#CHECKS}}      <tr class="pd-check pd-check--{{RESULT}}" data-check="{{ID}}" data-result="{{RESULT}}" data-document="{{DOCUMENT}}">
        <td data-label="Result"><span class="usa-tag pd-tag--{{RESULT}}"><svg class="usa-icon" aria-hidden="true" focusable="false" role="img"><use href="/assets/uswds/img/sprite.svg#{{ICON}}"></use></svg> {{RESULT_TEXT}}</span></td>
        <th scope="row" data-label="Check">{{LABEL}}</th>
        <td data-label="Document">{{DOCUMENT_TEXT}}</td>
        <td data-label="Registered">{{EXPECTED}}</td>
        <td data-label="Found">{{FOUND}}</td>
        <td data-label="Why">{{REASON}}</td>
      </tr>
{{/CHECKS}}
    </tbody>
  </table>
  </section>
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
{{#PAGES}}    <figure class="pd-page"><div class="pd-page__frame"><a href="{{SRC}}"><img src="{{SRC}}" alt="{{KIND}}, page {{NUMBER}}" loading="lazy"></a>{{#OUTLINES}}<svg class="pd-outlines" viewBox="{{VIEWBOX}}" preserveAspectRatio="none" aria-hidden="true">{{#SHAPES}}<polygon points="{{POINTS}}"><title>{{FIELD}}</title></polygon>{{/SHAPES}}</svg>{{/OUTLINES}}</div><figcaption>Page {{NUMBER}}{{#OUTLINES}}: outlined where each field was read{{/OUTLINES}}</figcaption></figure>
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
