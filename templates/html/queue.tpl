{{%AUTOESCAPE context="HTML"}}
<h1>Review queue</h1>
<p><span id="queue-total">{{TOTAL}}</span> case(s) waiting, oldest first. <a class="usa-link" id="triage-link" href="/review/triage">Mail triage: <span id="triage-count">{{TRIAGE_COUNT}}</span> message(s) to match</a></p>
<form method="get" action="/review" class="usa-form pd-queue-filter">
  <div class="usa-checkbox">
    <input class="usa-checkbox__input" id="failing" type="checkbox" name="failing" value="1"{{#FAILING_ONLY}} checked{{/FAILING_ONLY}}>
    <label class="usa-checkbox__label" for="failing">Only cases with failing checks</label>
  </div>
  <button class="usa-button usa-button--outline" type="submit" id="filter">Filter</button>
</form>
{{#EMPTY}}<p>No cases are waiting for review.</p>{{/EMPTY}}
<table class="usa-table usa-table--striped pd-queue" id="queue">
  <caption class="usa-sr-only">Cases ready for review, oldest first</caption>
  <thead><tr><th scope="col">Case</th><th scope="col">State</th><th scope="col">Waiting</th><th scope="col">Documents</th><th scope="col">Failing checks</th><th scope="col">Channel</th><th scope="col">Reviewer</th></tr></thead>
  <tbody>
{{#ROWS}}    <tr>
      <th scope="row"><a class="usa-link pd-reference" href="/review/cases/{{REFERENCE}}">{{REFERENCE}}</a></th>
      <td>{{STATE}}</td>
      <td><span title="since {{WAITING_SINCE}}">{{AGE}}</span></td>
      <td>{{DOCUMENTS}}</td>
      <td class="pd-failing">{{#HAS_FAILING}}<span class="usa-tag pd-tag--fail">{{FAILING}} failing</span>{{/HAS_FAILING}}{{#NO_FAILING}}none{{/NO_FAILING}}</td>
      <td>{{CHANNEL}}</td>
      <td>{{#CLAIMED}}{{CLAIMED_BY}}{{/CLAIMED}}</td>
    </tr>
{{/ROWS}}
  </tbody>
</table>
<nav aria-label="Queue pages" class="pd-pager">
{{#PREVIOUS}}<a class="usa-button usa-button--outline" href="/review?page={{PAGE}}&amp;failing={{FAILING_VALUE}}">Previous page</a>{{/PREVIOUS}}
{{#NEXT}}<a class="usa-button usa-button--outline" href="/review?page={{PAGE}}&amp;failing={{FAILING_VALUE}}">Next page</a>{{/NEXT}}
</nav>
