package dev.drydock.audit;

/** The report's style sheet: system fonts, one column on a phone, no external resource. */
final class HtmlStyle {
  private HtmlStyle() {}

  static final String CSS =
      """
      :root{--fg:#1d2330;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;--line:#dde1e8;
      --crit:#8b1a1a;--high:#d9480f;--med:#e8a317;--low:#4c7bd9;--unk:#8a8f98;--ok:#2f9e44}
      *{box-sizing:border-box}
      body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
      color:var(--fg);background:var(--bg)}
      header{background:#17202e;color:#fff;padding:16px 24px}
      header h1{margin:0;font-size:22px}
      header .meta{color:#c9d1de;margin:4px 0 0;overflow-wrap:anywhere}
      main{max-width:1200px;margin:0 auto;padding:12px 16px 32px}
      h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
      h3{font-size:16px;margin:18px 0 6px}
      .meta{color:var(--muted);font-size:13px}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;
      border-top:4px solid var(--unk)}
      .card.good{border-top-color:var(--ok)}.card.fair{border-top-color:var(--med)}
      .card.poor{border-top-color:var(--high)}
      .card .area{font-size:13px;color:var(--muted)}
      .card .score{font-size:30px;font-weight:650}
      .card .basis{font-size:12px;color:var(--muted)}
      .delta.up{color:var(--ok)}.delta.down{color:var(--high)}.delta{font-size:13px}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
      figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
      figcaption{font-size:13px;color:var(--muted);margin-top:4px}
      svg.chart{width:100%;height:auto;display:block}
      svg .axis,svg .value{font-size:12px;fill:var(--fg)}
      rect.sev-critical,.badge.sev-critical{fill:var(--crit);background:var(--crit)}
      rect.sev-high,.badge.sev-high{fill:var(--high);background:var(--high)}
      rect.sev-medium,.badge.sev-medium{fill:var(--med);background:var(--med)}
      rect.sev-low,.badge.sev-low{fill:var(--low);background:var(--low)}
      rect.sev-unknown,.badge.sev-unknown,.badge.sev-info{fill:var(--unk);background:var(--unk)}
      rect.pass{fill:var(--ok)}rect.fail{fill:var(--high)}rect.other{fill:#c3c8d1}rect.vuln{fill:#7048e8}
      .badge{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;
      white-space:nowrap}
      .badge.st-pass{background:var(--ok)}.badge.st-fail,.badge.st-error{background:var(--high)}
      .badge.st-manual,.badge.st-not_applicable{background:var(--unk)}
      .badge.risk-critical{background:var(--crit)}.badge.risk-high{background:var(--high)}
      .badge.risk-medium{background:var(--med)}.badge.risk-low{background:var(--low)}
      .badge.risk-none{background:var(--ok)}
      .chip{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 5px;
      margin:1px;font-size:12px;background:#fff}
      .chip.bad{border-color:var(--high);color:var(--high)}
      .scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
      table{border-collapse:collapse;width:100%;font-size:14px}
      th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      th{background:#eef0f4;font-weight:600;white-space:nowrap}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
      details{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:6px 0;padding:6px 10px}
      summary{cursor:pointer;overflow-wrap:anywhere}
      .finding{border-left:3px solid var(--line);padding:4px 10px;margin:8px 0}
      .finding.problem{border-left-color:var(--high)}
      .finding p{margin:2px 0;overflow-wrap:anywhere}
      .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
      .skipped{background:#fff4e6;border:1px solid #ffc078;border-radius:8px;padding:4px 14px;margin-top:14px}
      .skipped h2{border:0;margin-top:8px}
      .remedy{color:#a34a00}
      footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
      @media (max-width:640px){body{font-size:14px}header{padding:12px}main{padding:8px}
      .card .score{font-size:24px}th,td{padding:5px 6px}.hide-phone{display:none}}
      """;
}
