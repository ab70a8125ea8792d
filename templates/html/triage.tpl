{{%AUTOESCAPE context="HTML"}}
<h1>Mail triage</h1>
<p><span id="triage-total">{{TOTAL}}</span> incoming message(s) matched no case, newest first. Attach each to its case or discard it.</p>
{{#NOTICE}}<div class="usa-alert usa-alert--success usa-alert--slim" role="status"><div class="usa-alert__body"><p class="usa-alert__text">{{MESSAGE}}</p></div></div>{{/NOTICE}}
{{#EMPTY}}<p>Nothing is waiting in triage.</p>{{/EMPTY}}
<table class="usa-table usa-table--striped" id="triage">
  <caption class="usa-sr-only">Incoming messages that matched no case</caption>
  <thead><tr><th scope="col">Received</th><th scope="col">Sender</th><th scope="col">Subject</th><th scope="col">Attachments</th><th scope="col">SPF / DKIM / DMARC</th><th scope="col">Why here</th></tr></thead>
  <tbody>
{{#MESSAGES}}    <tr>
      <td>{{RECEIVED}}</td>
      <td>{{FROM}}</td>
      <th scope="row"><a class="usa-link" href="/review/triage/{{ID}}">{{SUBJECT}}</a></th>
      <td>{{ATTACHMENT_COUNT}}{{#ATTACHMENTS}}<br><span class="usa-hint">{{NAME}}</span>{{/ATTACHMENTS}}</td>
      <td>{{SPF}} / {{DKIM}} / {{DMARC}}</td>
      <td class="usa-hint">{{NOTE}}</td>
    </tr>
{{/MESSAGES}}
  </tbody>
</table>
<nav aria-label="Triage pages" class="pd-pager">
{{#PREVIOUS}}<a class="usa-button usa-button--outline" href="/review/triage?page={{PAGE}}">Previous page</a>{{/PREVIOUS}}
{{#NEXT}}<a class="usa-button usa-button--outline" href="/review/triage?page={{PAGE}}">Next page</a>{{/NEXT}}
</nav>
