{{%AUTOESCAPE context="HTML"}}
<h1>Reviewer sign in</h1>
{{#ERROR}}
<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body"><p class="usa-alert__text" id="signin-error">{{MESSAGE}}</p></div></div>
{{/ERROR}}
<form class="usa-form" method="post" action="/review/signin">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="usa-label" for="user_id">User ID</label>
  <input class="usa-input" id="user_id" name="user_id" type="text" value="{{USER_ID}}" autocomplete="username" required autocapitalize="off" spellcheck="false">
  <label class="usa-label" for="password">Password</label>
  <input class="usa-input" id="password" name="password" type="password" autocomplete="current-password" required>
  <button class="usa-button" type="submit">Sign in</button>
</form>
