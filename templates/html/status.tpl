{{%AUTOESCAPE context="HTML"}}
<h1>System status</h1>
<p>Checked {{CHECKED}}.</p>
<table class="usa-table" id="components">
  <caption>Components</caption>
  <thead><tr><th scope="col">Component</th><th scope="col">System status</th><th scope="col">Detail</th></tr></thead>
  <tbody>
{{#COMPONENTS}}    <tr><th scope="row">{{NAME}}</th><td><span class="pd-status pd-status--{{CLASS}}">{{STATUS}}</span></td><td>{{DETAIL}}</td></tr>
{{/COMPONENTS}}
  </tbody>
</table>
<h2>System status legend</h2>
<dl class="pd-legend">
{{#LEGEND}}  <dt><span class="pd-status pd-status--{{CLASS}}">{{STATUS}}</span></dt><dd>{{TEXT}}</dd>
{{/LEGEND}}
</dl>
<h2>Contact the help desk</h2>
<table class="usa-table" id="contacts">
  <thead><tr><th scope="col">Question or issue type</th><th scope="col">Contact information</th></tr></thead>
  <tbody>
{{#CONTACTS}}    <tr><td>{{TOPIC}}</td><td>{{HOW}}</td></tr>
{{/CONTACTS}}
  </tbody>
</table>
