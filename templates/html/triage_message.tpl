{{%AUTOESCAPE context="HTML"}}
<p><a class="usa-link" href="/review/triage">Back to mail triage</a></p>
<h1>Incoming message {{ID}}</h1>
<dl class="pd-profile" id="message-headers">
  <dt>Received</dt><dd>{{RECEIVED}} by {{CHANNEL}} ({{STATE}})</dd>
  <dt>From</dt><dd>{{FROM_NAME}} &lt;{{FROM}}&gt;</dd>
  <dt>Subject</dt><dd id="message-subject">{{SUBJECT}}</dd>
  <dt>Date</dt><dd>{{DATE}}</dd>
  <dt>Sender checks (SPF / DKIM / DMARC)</dt><dd id="message-verdicts">{{SPF}} / {{DKIM}} / {{DMARC}}{{#AUTH_DETAILS}}<br><span class="usa-hint">{{TEXT}}</span>{{/AUTH_DETAILS}}</dd>
  <dt>Why here</dt><dd>{{NOTE}}</dd>
{{#CASE}}  <dt>Case</dt><dd><a class="usa-link pd-reference" href="/review/cases/{{REFERENCE}}">{{REFERENCE}}</a></dd>{{/CASE}}
</dl>
<h2>Attachments ({{ATTACHMENT_COUNT}})</h2>
<ul class="usa-list" id="message-attachments">
{{#ATTACHMENTS}}  <li>{{NAME}} <span class="usa-hint">({{TYPE}}, {{SIZE}}) {{ORIGIN}}</span></li>
{{/ATTACHMENTS}}
</ul>
{{#PARSER_NOTES}}<p class="usa-hint">{{TEXT}}</p>
{{/PARSER_NOTES}}
<h2>Text</h2>
<pre class="pd-note" id="message-body" style="white-space: pre-wrap;">{{BODY}}</pre>
{{#ACTIONS}}
<h2>Attach to a case</h2>
<form method="post" action="/review/triage/{{ID}}/attach" class="usa-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="usa-label" for="reference">Case reference</label>
  <input class="usa-input pd-reference" id="reference" name="reference" type="text" required placeholder="PD-XXXX-XXXX">
  <button class="usa-button" type="submit" id="attach">Attach the message and its documents</button>
</form>
<h2>Discard</h2>
<form method="post" action="/review/triage/{{ID}}/discard" class="usa-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="usa-label" for="reason_code">Reason</label>
  <select class="usa-select" id="reason_code" name="reason_code" required>
    <option value="">- Select -</option>
{{#REASONS}}    <option value="{{CODE}}">{{TEXT}}</option>
{{/REASONS}}
  </select>
  <label class="usa-label" for="note">Note (required for another reason)</label>
  <textarea class="usa-textarea" id="note" name="note" rows="3"></textarea>
  <button class="usa-button usa-button--secondary" type="submit" id="discard">Discard the message</button>
</form>
{{/ACTIONS}}
