{{%AUTOESCAPE context="HTML"}}
<div class="usa-alert usa-alert--error" role="alert">
  <div class="usa-alert__body">
    <h1 class="usa-alert__heading">Something went wrong</h1>
    <p class="usa-alert__text" id="error-message">{{MESSAGE}}</p>
  </div>
</div>
<p><a class="usa-link" href="/">Go to the home page</a>, or contact {{HELPDESK_NAME}} at {{HELPDESK_PHONE}}.</p>
