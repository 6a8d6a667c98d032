/// The Mustache template of the HTML diff page (see `DiffPage`).
///
/// Kept in code rather than a resource file so the `vet` binary is all there
/// is to install. Every value goes through `{{…}}`, which escapes it for HTML;
/// the template never uses the unescaped `{{{…}}}` form. Spans and text are
/// kept on one line where spaces would show.
enum DiffPageTemplate {
  static let text = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="vet {{version}}">
    <title>vet diff: {{title}}</title>
    <style>
    :root {
      --quantity: #1d4ed8; --hedge: #c2410c; --attribution: #7e22ce;
      --certainty: #0f766e; --entity: #be123c; --detail: #57606a;
      --del: #ffd7d5; --ins: #ccf2d4; --removed: #fff5f4; --added: #f0fbf2;
      --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --page: #f6f8fa;
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--page); color: var(--ink);
      font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif; }
    main { max-width: 1440px; margin: 0 auto; padding: 20px 24px 40px; }
    .panel { background: #fff; border: 1px solid var(--rule); border-radius: 8px; padding: 16px 20px; margin-bottom: 14px; }
    h1 { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); margin: 0 0 10px; }
    h2 { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); margin: 0 0 8px; }
    .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 28px; margin-bottom: 10px; }
    .who { display: grid; grid-template-columns: 24px 1fr; align-items: baseline; }
    .who .which { font-weight: 700; font-size: 16px; }
    .who .label { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; background: var(--page);
      border: 1px solid var(--rule); border-radius: 4px; padding: 0 6px; }
    .who .detail { color: var(--muted); font-size: 13px; margin-left: 8px; }
    .who .title { grid-column: 2; font-weight: 600; }
    .verdict { font-size: 19px; font-weight: 650; line-height: 1.35; margin: 4px 0 6px; }
    ul.evidence { margin: 0 0 10px; padding-left: 20px; color: var(--muted); font-size: 14px; columns: 2; column-gap: 40px; }
    .counts { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 12px; }
    .counts .what { color: var(--muted); margin-right: 2px; }
    .count { border: 1px solid var(--rule); border-radius: 999px; padding: 0 9px; background: #fff; }
    .count b { font-weight: 700; }
    .counts + .counts { margin-top: 6px; }
    .legend { display: flex; flex-wrap: wrap; gap: 8px 18px; font-size: 13px; color: var(--muted); align-items: center; }
    .legend .item { white-space: nowrap; }
    .legend .sample { color: var(--ink); padding: 0 3px; margin-right: 4px; }
    .legend .block { display: inline-block; width: 26px; height: 14px; vertical-align: -2px; border: 1px solid var(--rule); margin-right: 4px; }
    table.pairs { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; background: #fff;
      border: 1px solid var(--rule); border-radius: 8px; overflow: hidden; }
    table.pairs col.text { width: 39%; }
    table.pairs col.what { width: 22%; }
    th { position: sticky; top: 0; background: #fff; text-align: left; font-size: 13px; padding: 8px 12px;
      border-bottom: 2px solid var(--rule); }
    th .label { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 400; color: var(--muted); margin-left: 6px; }
    td { vertical-align: top; padding: 8px 12px; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
    tr:last-child td { border-bottom: 0; }
    td.side + td.side { border-left: 1px solid var(--rule); }
    td.what { border-left: 1px solid var(--rule); font-size: 13px; }
    td.side:first-child { border-left: 4px solid transparent; }
    tr.r-changed td:first-child { border-left-color: #d4a72c; }
    tr.r-reworded td:first-child { border-left-color: #8fb8e8; }
    tr.r-added td:first-child { border-left-color: #2da44e; }
    tr.r-removed td:first-child { border-left-color: #cf222e; }
    tr.r-identical td.side { color: var(--muted); }
    tr.r-removed td.a { background: var(--removed); }
    tr.r-added td.b { background: var(--added); }
    .no { display: inline-block; min-width: 34px; margin-right: 6px; color: var(--muted); font-size: 12px;
      font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    .none { color: #8c959f; font-style: italic; font-size: 13px; }
    .del { background: var(--del); border-radius: 2px; }
    .ins { background: var(--ins); border-radius: 2px; }
    /* Same meaning in other words: the wording is shown, quieter than a change in meaning. */
    tr.r-reworded .del { background: #ffeceb; }
    tr.r-reworded .ins { background: #e4f8e8; }
    .t-quantity, .t-hedge, .t-attribution, .t-certainty, .t-entity, .t-detail { font-weight: 650; padding-bottom: 1px; }
    .t-quantity { box-shadow: inset 0 -3px 0 var(--quantity); }
    .t-hedge { box-shadow: inset 0 -3px 0 var(--hedge); }
    .t-attribution { box-shadow: inset 0 -3px 0 var(--attribution); }
    .t-certainty { box-shadow: inset 0 -3px 0 var(--certainty); }
    .t-entity { box-shadow: inset 0 -3px 0 var(--entity); }
    .t-detail { box-shadow: inset 0 -3px 0 var(--detail); }
    .rel { font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .05em; }
    .r-changed .rel { color: #9a6700; } .r-reworded .rel { color: #0969da; } .r-identical .rel { color: var(--muted); }
    .r-added .rel { color: #1a7f37; } .r-removed .rel { color: #cf222e; }
    .kind { display: inline-block; font-size: 11px; border-radius: 4px; padding: 0 6px; margin-left: 6px;
      border: 1px solid var(--rule); color: var(--muted); }
    .kind.k-credit { background: #fff3cd; border-color: #d4a72c; color: #7a4e00; font-weight: 700; }
    .kind.k-boilerplate { background: #e8e4ff; border-color: #8c7ae6; color: #3d2d91; font-weight: 700; }
    .prov { font-weight: 700; margin-top: 4px; }
    .prov.k-credit { color: #7a4e00; } .prov.k-boilerplate { color: #3d2d91; }
    ul.changes { list-style: none; margin: 6px 0 0; padding: 0; }
    ul.changes li { border-left: 3px solid var(--detail); padding: 1px 0 1px 8px; margin-bottom: 4px; }
    ul.changes li b { font-weight: 700; margin-right: 4px; }
    ul.changes li .arrow { color: var(--muted); padding: 0 3px; }
    li.c-quantity { border-left-color: var(--quantity) !important; } li.c-quantity b { color: var(--quantity); }
    li.c-hedge { border-left-color: var(--hedge) !important; } li.c-hedge b { color: var(--hedge); }
    li.c-attribution { border-left-color: var(--attribution) !important; } li.c-attribution b { color: var(--attribution); }
    li.c-certainty { border-left-color: var(--certainty) !important; } li.c-certainty b { color: var(--certainty); }
    li.c-entity { border-left-color: var(--entity) !important; } li.c-entity b { color: var(--entity); }
    li.c-detail b { color: var(--detail); }
    footer { color: var(--muted); font-size: 12px; margin-top: 12px; }
    @media print { body { background: #fff; } th { position: static; } tr { break-inside: avoid; } }
    </style>
    </head>
    <body>
    <main>
    <section class="panel summary">
    <h1>How the reporting changed</h1>
    <div class="sides">
    <div class="who"><span class="which">A</span><div><span class="label">{{a.label}}</span><span class="detail">{{a.detail}}</span></div>{{#a.title}}<div class="title">{{.}}</div>{{/a.title}}</div>
    <div class="who"><span class="which">B</span><div><span class="label">{{b.label}}</span><span class="detail">{{b.detail}}</span></div>{{#b.title}}<div class="title">{{.}}</div>{{/b.title}}</div>
    </div>
    <p class="verdict">{{verdict}}</p>
    <ul class="evidence">
    {{#evidence}}
    <li>{{.}}</li>
    {{/evidence}}
    </ul>
    <div class="counts"><span class="what">Sentences:</span>{{#relations}}<span class="count">{{name}} <b>{{count}}</b></span> {{/relations}}<span class="what">· {{survival}} of A survives in B</span></div>
    <div class="counts"><span class="what">Changes:</span>{{#changes}}<span class="count">{{name}} <b>{{count}}</b></span> {{/changes}}</div>
    </section>
    <section class="panel legend" aria-label="Legend">
    <h2>Legend</h2>
    <span class="item"><span class="sample t-quantity">40 → dozens</span>quantity</span>
    <span class="item"><span class="sample t-hedge">feared</span>hedge</span>
    <span class="item"><span class="sample t-attribution">officials said</span>attribution</span>
    <span class="item"><span class="sample t-certainty">is expected to</span>certainty</span>
    <span class="item"><span class="sample t-entity">Name</span>entity</span>
    <span class="item"><span class="sample t-detail">on Friday</span>detail</span>
    <span class="item"><span class="sample del">words</span>only in A</span>
    <span class="item"><span class="sample ins">words</span>only in B</span>
    <span class="item"><span class="block" style="background: var(--removed); border-left: 4px solid #cf222e"></span>sentence removed</span>
    <span class="item"><span class="block" style="background: var(--added); border-left: 4px solid #2da44e"></span>sentence added</span>
    <span class="item"><span class="kind k-credit">credit</span> credit line</span>
    <span class="item"><span class="kind k-boilerplate">boilerplate</span> page boilerplate</span>
    </section>
    <table class="pairs">
    <colgroup><col class="text"><col class="text"><col class="what"></colgroup>
    <thead><tr><th>A<span class="label">{{a.label}}</span></th><th>B<span class="label">{{b.label}}</span></th><th>What changed</th></tr></thead>
    <tbody>
    {{#rows}}
    <tr class="r-{{relation}}">
    <td class="side a">{{#hasA}}<span class="no">{{numbersA}}</span>{{#a}}<span class="{{classes}}">{{text}}</span>{{/a}}{{/hasA}}{{^hasA}}<span class="none">not in A</span>{{/hasA}}</td>
    <td class="side b">{{#hasB}}<span class="no">{{numbersB}}</span>{{#b}}<span class="{{classes}}">{{text}}</span>{{/b}}{{/hasB}}{{^hasB}}<span class="none">not in B</span>{{/hasB}}</td>
    <td class="what"><span class="rel">{{relation}}</span>{{#kind}}<span class="kind k-{{.}}">{{.}}</span>{{/kind}}{{#provenance}}<div class="prov k-{{kind}}">{{.}}</div>{{/provenance}}
    <ul class="changes">{{#changes}}<li class="c-{{type}}"><b>{{type}}</b>{{from}}<span class="arrow">→</span>{{to}}</li>{{/changes}}</ul></td>
    </tr>
    {{/rows}}
    </tbody>
    </table>
    <footer>Made with vet {{version}}: <code>vet diff --html</code>. Sentences are numbered from 1 in reading order; a pair such as A3 → B3+B4 is a sentence split in two.</footer>
    </main>
    </body>
    </html>

    """#
}
