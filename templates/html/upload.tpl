{{%AUTOESCAPE context="HTML"}}
<h1>Send your documents</h1>
<p class="usa-intro">Case <span class="pd-reference">{{REFERENCE}}</span> &middot; {{STATE_LABEL}}</p>
{{#ERRORS}}
<div class="usa-alert usa-alert--error usa-alert--slim" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">{{MESSAGE}}</p></div></div>
{{/ERRORS}}
{{#NOTICES}}
<div class="usa-alert usa-alert--success usa-alert--slim" role="status"><div class="usa-alert__body"><p class="usa-alert__text">{{MESSAGE}}</p></div></div>
{{/NOTICES}}
<h2>What we have</h2>
<ul class="usa-list" id="evidence-status">
{{#REQUIREMENTS}}  <li><strong>{{LABEL}}</strong>: {{STATUS}}</li>
{{/REQUIREMENTS}}
</ul>
{{#EVIDENCE_COMPLETE}}<p id="evidence-complete">Everything required has arrived. A reviewer will check your documents and email you.</p>{{/EVIDENCE_COMPLETE}}
{{#HAS_DOCUMENTS}}
<table class="usa-table usa-table--borderless" id="documents">
  <caption>Documents received</caption>
  <thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Pages</th><th scope="col">Received</th></tr></thead>
  <tbody>
{{/HAS_DOCUMENTS}}
{{#DOCUMENTS}}    <tr><td>{{NAME}}</td><td>{{KIND}}</td><td>{{PAGES}}</td><td>{{RECEIVED}}</td></tr>
{{/DOCUMENTS}}
{{#HAS_DOCUMENTS}}
  </tbody>
</table>
{{/HAS_DOCUMENTS}}
{{#OPEN}}
<h2>Upload</h2>
<p>JPEG, PNG, TIFF or PDF files; at most {{MAX_MB}} MB each and {{MAX_FILES}} files at a time. Photos and scans must show the whole document.</p>
<form class="usa-form usa-form--large" method="post" action="{{UPLOAD_PATH}}" enctype="multipart/form-data" id="upload-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="usa-fieldset">
    <legend class="usa-legend">Government photo ID</legend>
    <label class="usa-label" for="photo_id_kind">Kind of ID</label>
    <select class="usa-select" id="photo_id_kind" name="photo_id_kind">
{{#KINDS_ID}}{{#OPTIONS}}      <option value="{{VALUE}}">{{TEXT}}</option>
{{/OPTIONS}}{{/KINDS_ID}}
    </select>
    <label class="usa-label" for="photo_id">Front and back of the ID (or the passport's photo page)</label>
    <span class="usa-hint" id="photo_id-hint">You can choose several files.</span>
    <input class="usa-file-input" id="photo_id" name="photo_id" type="file" multiple accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf" aria-describedby="photo_id-hint">
  </fieldset>
  <fieldset class="usa-fieldset">
    <legend class="usa-legend">First bill or statement</legend>
    <label class="usa-label" for="statement_1_kind">Kind of document</label>
    <select class="usa-select" id="statement_1_kind" name="statement_1_kind">
{{#KINDS_S1}}{{#OPTIONS}}      <option value="{{VALUE}}">{{TEXT}}</option>
{{/OPTIONS}}{{/KINDS_S1}}
    </select>
    <label class="usa-label" for="statement_1">File(s)</label>
    <input class="usa-file-input" id="statement_1" name="statement_1" type="file" multiple accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf">
  </fieldset>
  <fieldset class="usa-fieldset">
    <legend class="usa-legend">Second bill or statement</legend>
    <p class="usa-hint">From a different institution than the first.</p>
    <label class="usa-label" for="statement_2_kind">Kind of document</label>
    <select class="usa-select" id="statement_2_kind" name="statement_2_kind">
{{#KINDS_S2}}{{#OPTIONS}}      <option value="{{VALUE}}">{{TEXT}}</option>
{{/OPTIONS}}{{/KINDS_S2}}
    </select>
    <label class="usa-label" for="statement_2">File(s)</label>
    <input class="usa-file-input" id="statement_2" name="statement_2" type="file" multiple accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf">
  </fieldset>
  <fieldset class="usa-fieldset">
    <legend class="usa-legend">Anything else the help desk asked for (optional)</legend>
    <label class="usa-label" for="other">File(s)</label>
    <input class="usa-file-input" id="other" name="other" type="file" multiple accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf">
  </fieldset>
{{#SSN_NEEDED}}
  <fieldset class="usa-fieldset">
    <legend class="usa-legend">Last four digits of your Social Security number</legend>
    <label class="usa-label" for="ssn_last4">Last four digits</label>
    <span class="usa-hint" id="ssn_last4-hint">Required because you did not enter your SSN when you registered. We keep only a one-way fingerprint of them.</span>
    <input class="usa-input usa-input--small" id="ssn_last4" name="ssn_last4" type="password" inputmode="numeric" maxlength="4" autocomplete="off" aria-describedby="ssn_last4-hint">
  </fieldset>
{{/SSN_NEEDED}}
  <div class="pd-progress" id="upload-progress" hidden>
    <label class="usa-label" for="upload-progress-bar">Uploading</label>
    <progress id="upload-progress-bar" max="100" value="0"></progress> <span id="upload-progress-text" aria-live="polite"></span>
  </div>
  <button class="usa-button usa-button--big" type="submit">Send documents</button>
</form>
{{/OPEN}}
{{#CLOSED}}<p>This case is closed; it cannot take more documents. Contact the help desk if you need help.</p>{{/CLOSED}}
