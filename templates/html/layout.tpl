{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} | {{HELPDESK_NAME}}</title>
<script src="/assets/uswds/js/uswds-init.min.js"></script>
<link rel="icon" href="/assets/uswds/img/favicons/favicon.png" type="image/png">
<link rel="stylesheet" href="/assets/uswds/css/uswds.min.css">
<link rel="stylesheet" href="/assets/app/app.css">
</head>
<body>
<a class="usa-skipnav" href="#main-content">Skip to main content</a>
<section class="usa-banner" aria-label="Official website of the United States government">
  <div class="usa-accordion">
    <header class="usa-banner__header">
      <div class="usa-banner__inner">
        <div class="grid-col-auto">
          <img aria-hidden="true" class="usa-banner__header-flag" src="/assets/uswds/img/us_flag_small.png" alt="">
        </div>
        <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
          <p class="usa-banner__header-text">An official website of the United States government</p>
          <p class="usa-banner__header-action">Here's how you know</p>
        </div>
        <button type="button" class="usa-accordion__button usa-banner__button" aria-expanded="false" aria-controls="gov-banner">
          <span class="usa-banner__button-text">Here's how you know</span>
        </button>
      </div>
    </header>
    <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden>
      <div class="grid-row grid-gap-lg">
        <div class="usa-banner__guidance tablet:grid-col-6">
          <img class="usa-banner__icon usa-media-block__img" src="/assets/uswds/img/icon-dot-gov.svg" role="img" alt="" aria-hidden="true">
          <div class="usa-media-block__body">
            <p><strong>Official websites use .gov</strong><br>A <strong>.gov</strong> website belongs to an official government organization in the United States.</p>
          </div>
        </div>
        <div class="usa-banner__guidance tablet:grid-col-6">
          <img class="usa-banner__icon usa-media-block__img" src="/assets/uswds/img/icon-https.svg" role="img" alt="" aria-hidden="true">
          <div class="usa-media-block__body">
            <p><strong>Secure .gov websites use HTTPS</strong><br>A <strong>lock</strong> or <strong>https://</strong> means you've safely connected to the .gov website. Share sensitive information only on official, secure websites.</p>
          </div>
        </div>
      </div>
    </div>
  </div>
</section>
<header class="usa-header usa-header--basic">
  <div class="usa-nav-container">
    <div class="usa-navbar">
      <div class="usa-logo"><em class="usa-logo__text"><a href="/" title="{{HELPDESK_NAME}}">{{HELPDESK_NAME}}</a></em></div>
    </div>
    <nav aria-label="Primary navigation" class="pd-nav">
      <ul class="usa-list usa-list--unstyled pd-nav__list">
{{#LAYOUT_SIGNED_OUT}}
        <li><a class="usa-link" href="/">Home</a></li>
        <li><a class="usa-link" href="/register">Initiate manual proofing</a></li>
{{/LAYOUT_SIGNED_OUT}}
        <li><a class="usa-link" href="/status">System status</a></li>
{{#LAYOUT_SIGNED_IN}}
        <li><a class="usa-link" href="/review">Review queue</a></li>
        <li>
          <form method="post" action="/review/signout" class="pd-inline-form">
            <input type="hidden" name="csrf" value="{{CSRF}}">
            <button type="submit" class="usa-button usa-button--unstyled">Sign out {{REVIEWER}}</button>
          </form>
        </li>
{{/LAYOUT_SIGNED_IN}}
{{#LAYOUT_SIGNED_OUT}}
        <li><a class="usa-link" href="/review/signin">Reviewer sign in</a></li>
{{/LAYOUT_SIGNED_OUT}}
      </ul>
    </nav>
  </div>
</header>
<main id="main-content" class="grid-container pd-main" tabindex="-1">
{{BODY:none}}
</main>
<footer class="usa-footer usa-footer--slim">
  <div class="usa-footer__secondary-section">
    <div class="grid-container">
      <p><strong>{{HELPDESK_NAME}}</strong> &middot; {{HELPDESK_PHONE}} &middot; <a class="usa-link" href="mailto:{{HELPDESK_EMAIL}}">{{HELPDESK_EMAIL}}</a> &middot; <a class="usa-link" href="/status">System status</a></p>
    </div>
  </div>
</footer>
<script src="/assets/uswds/js/uswds.min.js"></script>
<script src="/assets/app/app.js"></script>
</body>
</html>
