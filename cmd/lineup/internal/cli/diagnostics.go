package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
)

// Bounds on what printing diagnostics shows, so that any input is
// answered at once (docs/security.md): a directory of random bytes makes
// tens of thousands of errors, a minified file one line of megabytes.
const (
	// maxDiagnostics is how many diagnostics are printed; a count of the
	// others follows.
	maxDiagnostics = 40
	// maxSourceLine is how much of a source line is shown, in bytes,
	// around the part a diagnostic points at.
	maxSourceLine = 200
	// maxSourceLines is how many lines of source one diagnostic shows.
	maxSourceLines = 12
	// maxOutputLine is how long a line of a diagnostic's text may be (a
	// summary, a detail quoting a value) before it is cut.
	maxOutputLine = 1000
)

// writeDiags writes diagnostics with their source lines, as hcl's text
// writer does, within the bounds above, with control characters and
// invalid bytes of the source shown as escapes, and through the redactor
// of s. Each diagnostic is one Write.
func writeDiags(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, color bool, s Streams) {
	shown := diags
	if len(shown) > maxDiagnostics {
		shown = shown[:maxDiagnostics]
	}
	for _, d := range shown {
		var buf bytes.Buffer
		d, excerptFiles, first := excerpt(d, files)
		_ = hcl.NewDiagnosticTextWriter(&buf, excerptFiles, 78, color).WriteDiagnostic(d)
		text := s.secrets.redact(buf.String())
		_, _ = io.WriteString(w, boundLines(renumber(text, first)))
	}
	if rest := diags[len(shown):]; len(rest) > 0 {
		errs := 0
		for _, d := range rest {
			if d.Severity == hcl.DiagError {
				errs++
			}
		}
		fmt.Fprintf(w, "... and %d more diagnostics (%d errors, %d warnings) not shown; fix the ones above first.\n\n",
			len(rest), errs, len(rest)-errs)
	}
}

// excerpt returns d pointing into a file that holds only the lines it
// shows, made visible and cut to maxSourceLine, and the number of the
// first of them in the real file. hcl's writer scans a file from its
// start for every diagnostic, and spins forever on a line longer than
// 64 KiB after an invalid byte; it is given only these lines.
func excerpt(d *hcl.Diagnostic, files map[string]*hcl.File) (*hcl.Diagnostic, map[string]*hcl.File, int) {
	if d.Subject == nil {
		return d, nil, 0
	}
	f := files[d.Subject.Filename]
	if f == nil || f.Bytes == nil {
		return d, files, 0
	}
	src := f.Bytes
	subject := clampRange(*d.Subject, len(src))
	snip := subject
	if d.Context != nil && d.Context.Filename == subject.Filename {
		snip = hcl.RangeOver(snip, clampRange(*d.Context, len(src)))
	}
	start := lineStart(src, snip.Start.Byte)
	end := lineEnd(src, max(snip.End.Byte, snip.Start.Byte))
	if lines := bytes.Count(src[start:end], []byte{'\n'}) + 1; lines > maxSourceLines {
		start = lineStart(src, subject.Start.Byte)
		end = start
		for i := 0; i < maxSourceLines && end < len(src); i++ {
			end = lineEnd(src, end)
			if i < maxSourceLines-1 && end < len(src) {
				end++
			}
		}
		end = min(end, len(src))
		if end > start && src[end-1] == '\n' {
			end--
		}
	}
	var out []byte
	hs, he := -1, -1
	for off := start; off <= end; {
		le := lineEnd(src, off)
		line, ls, lh := visibleLine(src[off:le], subject.Start.Byte-off, subject.End.Byte-off)
		if ls >= 0 && hs < 0 {
			hs = len(out) + ls
		}
		if lh >= 0 {
			he = len(out) + lh
		}
		out = append(out, line...)
		if le >= end {
			break
		}
		out = append(out, '\n')
		off = le + 1
	}
	if hs < 0 {
		hs = 0
	}
	if he < hs {
		he = hs
	}
	cp := *d
	cp.Subject = &hcl.Range{Filename: subject.Filename,
		Start: hcl.Pos{Line: subject.Start.Line, Column: subject.Start.Column, Byte: hs},
		End:   hcl.Pos{Line: subject.End.Line, Column: subject.End.Column, Byte: he}}
	cp.Context = nil
	nav := fixedContext("")
	if cs, ok := f.Nav.(interface{ ContextString(int) string }); ok {
		nav = fixedContext(cs.ContextString(subject.Start.Byte))
	}
	first := bytes.Count(src[:start], []byte{'\n'}) + 1
	return &cp, map[string]*hcl.File{subject.Filename: {Bytes: out, Nav: nav}}, first
}

// fixedContext is the Nav of an excerpt: the block the diagnostic is in,
// found in the whole file.
type fixedContext string

func (c fixedContext) ContextString(int) string { return string(c) }

func clampRange(r hcl.Range, n int) hcl.Range {
	r.Start.Byte = min(max(r.Start.Byte, 0), n)
	r.End.Byte = min(max(r.End.Byte, r.Start.Byte), n)
	return r
}

func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// visibleLine returns line with control characters, invalid bytes and
// bidirectional overrides written as Go escapes (a terminal escape
// sequence in a configuration is shown, not obeyed), cut to about
// maxSourceLine bytes around hs. hs and he, offsets in line of where the
// highlight starts and ends (possibly outside it), come back as offsets in
// the result, or -1 when outside.
func visibleLine(line []byte, hs, he int) ([]byte, int, int) {
	line = bytes.TrimSuffix(line, []byte{'\r'})
	from := 0
	if len(line) > maxSourceLine && hs > maxSourceLine/4 {
		from = min(hs, len(line)) - maxSourceLine/4
		for from > 0 && !utf8.RuneStart(line[from]) {
			from--
		}
	}
	var out []byte
	outHs, outHe := -1, -1
	if from > 0 {
		out = append(out, "…"...)
	}
	i := from
	for i < len(line) {
		if i == hs {
			outHs = len(out)
		}
		if i == he {
			outHe = len(out)
		}
		if len(out) >= maxSourceLine {
			out = append(out, "…"...)
			break
		}
		r, size := utf8.DecodeRune(line[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			out = fmt.Appendf(out, `\x%02x`, line[i])
		case r == '\t':
			out = append(out, '\t')
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			out = append(out, strings.Trim(fmt.Sprintf("%+q", r), "'")...)
		default:
			out = append(out, line[i:i+size]...)
		}
		i += size
	}
	if i >= len(line) {
		if hs >= i && hs <= len(line) {
			outHs = len(out)
		}
		if he >= i && he <= len(line) {
			outHe = len(out)
		}
	}
	if hs < from && he > from {
		outHs = 0
	}
	if he > i {
		outHe = len(out)
	}
	return out, outHs, outHe
}

// renumber gives the source lines of text, numbered from 1 in the
// excerpt, their numbers in the file: first is the number of the
// excerpt's first line.
func renumber(text string, first int) string {
	if first <= 1 {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	inSource := false
	for i, l := range lines {
		if !inSource {
			inSource = strings.HasPrefix(l, "  on ") && strings.HasSuffix(l, ":\n")
			continue
		}
		num, rest, ok := strings.Cut(l, ": ")
		n := 0
		if _, err := fmt.Sscanf(strings.TrimSpace(num), "%d", &n); !ok || err != nil || len(num) < 4 {
			break
		}
		lines[i] = fmt.Sprintf("%4d: %s", n+first-1, rest)
	}
	return strings.Join(lines, "")
}

// boundLines cuts every line of text longer than maxOutputLine.
func boundLines(text string) string {
	if len(text) <= maxOutputLine {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		if len(l) > maxOutputLine {
			cut := maxOutputLine
			for cut > 0 && !utf8.RuneStart(l[cut]) {
				cut--
			}
			nl := ""
			if strings.HasSuffix(l, "\n") {
				nl = "\n"
			}
			lines[i] = fmt.Sprintf("%s… (%d more bytes)%s", l[:cut], len(strings.TrimSuffix(l, "\n"))-cut, nl)
		}
	}
	return strings.Join(lines, "")
}

// printDiags writes diagnostics with their source lines (writeDiags).
func printDiags(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, g global, s Streams) {
	if len(diags) == 0 {
		return
	}
	lang.SortDiagnostics(diags)
	writeDiags(w, withReadFiles(files, diags), diags, useColor(g, Streams{OutTerminal: s.OutTerminal, noColor: s.noColor}), s)
}
