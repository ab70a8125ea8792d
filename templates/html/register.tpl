{{%AUTOESCAPE context="HTML"}}
<h1>Initiate manual proofing</h1>
<p class="usa-intro">Register your profile. Every field is required unless it says optional.</p>
{{#ERROR_SUMMARY}}
<div class="usa-alert usa-alert--error" role="alert" id="error-summary" tabindex="-1">
  <div class="usa-alert__body">
    <h2 class="usa-alert__heading">Check the form: {{COUNT}} field(s) need attention</h2>
    <ul class="usa-list">
{{#ERRORS}}      <li><a class="usa-link" href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERRORS}}
    </ul>
  </div>
</div>
{{/ERROR_SUMMARY}}
<form class="usa-form usa-form--large" method="post" action="/register" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#GROUPS}}
  <fieldset class="usa-fieldset">
{{#LEGEND_SECTION}}    <legend class="usa-legend">{{LEGEND}}</legend>{{/LEGEND_SECTION}}
    {{#HAS_HINT}}<p class="usa-hint">{{HINT}}</p>{{/HAS_HINT}}
{{#FIELDS}}
    <div class="usa-form-group{{#ERROR}} usa-form-group--error{{/ERROR}}">
      <label class="usa-label{{#ERROR}} usa-label--error{{/ERROR}}" for="{{NAME}}">{{LABEL}}</label>
      {{#F_HAS_HINT}}<div class="usa-hint" id="{{NAME}}-hint">{{F_HINT}}</div>{{/F_HAS_HINT}}
      {{#ERROR}}<span class="usa-error-message" id="{{NAME}}-error" role="alert">{{MESSAGE}}</span>{{/ERROR}}
{{#INPUT}}
      <input class="usa-input{{#ERROR}} usa-input--error{{/ERROR}}" id="{{NAME}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}" autocomplete="{{AUTOCOMPLETE}}"{{#REQUIRED}} required aria-required="true"{{/REQUIRED}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}{{#ERROR}} aria-invalid="true"{{/ERROR}}>
{{/INPUT}}
{{#SELECT}}
      <select class="usa-select{{#ERROR}} usa-input--error{{/ERROR}}" id="{{NAME}}" name="{{NAME}}" autocomplete="{{AUTOCOMPLETE}}"{{#REQUIRED}} required aria-required="true"{{/REQUIRED}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}{{#ERROR}} aria-invalid="true"{{/ERROR}}>
{{#OPTIONS}}        <option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>
{{/OPTIONS}}
      </select>
{{/SELECT}}
    </div>
{{/FIELDS}}
  </fieldset>
{{/GROUPS}}
  <button class="usa-button usa-button--big" type="submit">Initiate manual proofing</button>
</form>
