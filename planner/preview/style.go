package preview

// pageHTML is the page: no script, styles inline, and a
// Content-Security-Policy that lets it load images only.
const pageHTML = `{{define "page"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style></head>
<body>
<h1>{{.Title}}</h1>
<p class="lead">{{len .Sends}} sends drawn from the plan of {{.CreatedAt.UTC.Format "2006-01-02 15:04 UTC"}}. LINE draws one message differently by OS, app version, screen and font: this is a close likeness, not LINE itself.</p>
{{range .Sends}}<section class="send" id="{{.ID}}">
<div class="meta"><span class="addr">{{.Address}}</span> <span class="act">{{.Action}}</span>
<dl><dt>Recipients</dt><dd>{{.Recipients}}</dd><dt>Estimated messages</dt><dd>{{.Estimate}}</dd>{{with .Reason}}<dt>Why</dt><dd>{{.}}</dd>{{end}}</dl></div>
<div class="sides">{{.Phone.HTML}}
<div class="notes">
{{with .Alts}}<h3>Notification text (altText)</h3><ul>{{range .}}<li><code>{{.Path}}</code> {{.Text}}</li>{{end}}</ul>{{end}}
{{with .Taps}}<h3>Where each tap leads</h3><ol class="legend">{{range .}}<li><span class="badge">{{.N}}</span> <b>{{.Type}}</b>{{with .Label}} “{{.}}”{{end}}: <span class="target">{{.Target}}</span>{{range .Flags}} <span class="flag">{{.}}</span>{{end}} <code>{{.Path}}</code></li>{{end}}</ol>{{end}}
{{with .Notes}}<h3>Warnings</h3><ul class="warnings">{{range .}}<li><code>{{.Path}}</code> {{.Text}}</li>{{end}}</ul>{{end}}
{{with .Unrolled}}<h3>Carousels unrolled</h3>{{range .}}{{.HTML}}{{end}}{{end}}
</div></div></section>
{{end}}</body></html>
{{end}}`

// stylesheet is the page's CSS. Sizes are LINE's (see doc.go).
const stylesheet = `
*{box-sizing:border-box;margin:0;padding:0}
body{font-family:Roboto,"Noto Sans CJK JP","Noto Sans Thai","Noto Color Emoji",sans-serif;background:#eceff3;color:#1f2933;padding:16px;font-size:14px}
h1{font-size:20px;margin-bottom:4px}.lead{color:#52606d;margin-bottom:16px;max-width:820px}
.send{width:820px;background:#fff;border:1px solid #d5dae1;border-radius:8px;padding:12px;margin-bottom:20px}
.meta{margin-bottom:10px}.addr{font:bold 15px monospace}.act{background:#e3f0e8;color:#1b6b3a;border-radius:4px;padding:1px 6px;font-size:12px}
.meta dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin-top:6px;font-size:13px}.meta dt{color:#52606d}.meta dd{overflow-wrap:anywhere}
.sides{display:flex;gap:16px;align-items:flex-start}
.notes{flex:1 1 0;min-width:0;font-size:13px;overflow-wrap:anywhere}.notes h3{font-size:13px;margin:8px 0 4px}.notes ul,.notes ol{list-style:none}.notes li{margin-bottom:4px}
.notes code{font-size:11px;color:#7b8794}.flag{background:#fde8e8;color:#b42318;border-radius:4px;padding:0 4px;font-size:11px}
.warnings li{color:#8a4b00}
.phone{width:375px;flex:0 0 auto;background:#7494c0;border-radius:18px;overflow:hidden;display:flex;flex-direction:column}
.bar{background:#2c3e5c;color:#fff;font-weight:bold;padding:12px 16px;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.talk{padding:6px 0 10px}
.row{display:flex;padding:0 8px 0 7px;margin-top:10px;align-items:flex-start}
.row.wide{flex-direction:column;padding:0}.row.wide .head{display:flex;align-items:center;padding:0 8px 4px 7px}.wide-body{display:flex;flex-direction:column;align-items:flex-start}
.wide-body .time{padding-left:7px}
.avatar{width:36px;height:36px;border-radius:50%;flex:0 0 auto;background:#c9d4e5;color:#2c3e5c;display:flex;align-items:center;justify-content:center;font-weight:bold;overflow:hidden}
.col{margin-left:8px;min-width:0;display:flex;flex-direction:column;align-items:flex-start}
.name{color:#f4f7fb;font-size:12px;margin:0 0 4px 8px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:300px}
.line{display:flex;align-items:flex-end;gap:4px}.line.stack{flex-direction:column;align-items:flex-start}
.time{color:#e6ecf5;font-size:10px;flex:0 0 auto}
.bubble-text{background:#fff;border-radius:18px;padding:8px 12px;font-size:15px;line-height:1.4;max-width:250px;white-space:pre-wrap;overflow-wrap:anywhere;color:#111}
.quote{font-size:11px;color:#7b8794;border-inline-start:2px solid #c9d4e5;padding-inline-start:6px;margin-bottom:4px}
.mention{color:#2f5fb3;background:#e6eefb;border-radius:4px;padding:0 2px}
.pic{position:relative;overflow:hidden}
.pic>.ph{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;font:9px/1.2 monospace;color:#7b8794;background:#eef0f4;outline:1px dashed #b8c0cc;outline-offset:-1px;overflow:hidden;word-break:break-all;text-align:center;padding:2px}
.pic>.img{position:absolute;inset:0;background-position:center;background-repeat:no-repeat}
.avatar.pic>.ph{font-size:0}
.emoji{display:inline-block;width:1.2em;height:1.2em;vertical-align:-0.25em}.emoji>.ph{font-size:3px}
.sticker{width:150px;height:150px}.photo,.movie{width:200px;height:200px;border-radius:14px}
.play{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);color:#fff;font-size:28px;text-shadow:0 0 6px #000}
.audio{display:flex;gap:8px;align-items:center;min-width:140px}
.location{width:240px;background:#fff;border-radius:14px;overflow:hidden}.map{height:110px;background:#dfe7d8;color:#5b6b4f;font-size:11px;display:flex;align-items:center;justify-content:center}
.loc-title{font-weight:bold;padding:8px 12px 0;font-size:14px}.loc-address{padding:2px 12px 10px;font-size:12px;color:#52606d}
.imagemap{width:300px;margin-left:7px;border-radius:6px}
.map-area,.map-video{position:absolute;outline:2px dashed #e5484d;outline-offset:-2px;background:#e5484d1f}.map-video{outline-color:#2563eb;background:#2563eb1f}
.map-video>.ph{position:static;background:none;outline:none}
.carousel{display:flex;gap:9px;padding-left:7px;overflow:hidden;align-items:stretch;width:375px}
.carousel.unrolled{flex-wrap:wrap;overflow:visible;width:auto;padding:8px;background:#7494c0;border-radius:8px;margin-bottom:8px}
.tcard{width:260px;background:#fff;border-radius:14px;overflow:hidden;display:flex;flex-direction:column;flex:0 0 auto}
.thumb{width:100%}
.ttitle{font-weight:bold;padding:10px 12px 0;font-size:15px;color:#111}.ttext{padding:6px 12px 10px;font-size:13px;color:#52606d;white-space:pre-wrap;overflow-wrap:anywhere}
.taction{border-top:1px solid #e4e7eb;height:44px;display:flex;align-items:center;justify-content:center;color:#42659a;font-size:15px;white-space:nowrap;overflow:hidden;padding:0 12px}
.tactions-row{display:flex}.tactions-row>.taction{flex:1 1 0}.tactions-row>.taction+.taction{border-left:1px solid #e4e7eb}
.icol{width:200px;height:200px;border-radius:10px;flex:0 0 auto}.icol-label{position:absolute;bottom:0;left:0;right:0;text-align:center;color:#fff;background:#00000073;font-size:13px;padding:6px}
.qr{display:flex;gap:8px;padding:8px;overflow:hidden;background:#f5f6f8}
.chip{flex:0 0 auto;border:1px solid #c9ced6;border-radius:16px;padding:6px 12px;font-size:13px;background:#fff;display:flex;gap:4px;align-items:center;white-space:nowrap;color:#111}
.chip-icon{width:16px;height:16px}
.input{background:#fff;color:#9aa5b1;padding:10px 16px;font-size:14px;border-top:1px solid #e4e7eb}
.tap{position:relative}
.badge{position:absolute;top:1px;right:1px;z-index:5;min-width:15px;height:15px;padding:0 3px;border-radius:8px;background:#e5484d;color:#fff;font:bold 10px/15px Roboto,sans-serif;text-align:center;pointer-events:none}
.legend .badge{position:static;display:inline-block}
.bubble{display:flex;flex-direction:column;overflow:hidden;background:#fff;flex:0 0 auto;max-width:100%}
.carousel>.bubble{max-width:none}
.block{display:flex;flex-direction:column}
.box{display:flex;min-width:0}
.ftext{line-height:1.4}
.btn{display:flex;align-items:center;justify-content:center;border-radius:8px;padding:0 16px;font-size:16px;overflow:hidden}
.btn>.label{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.image>.area{flex:0 1 auto}
.icon{display:inline-block}.icon>.ph{font-size:0}
.video{width:100%}.video>.area{width:100%}
.unknown{color:#b42318;font-size:12px}
`
