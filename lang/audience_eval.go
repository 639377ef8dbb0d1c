package lang

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Limits of LINE's audiences
// (https://developers.line.biz/en/reference/messaging-api/#manage-audience-group).
const (
	maxAudienceDescription = 120
	maxAudienceIDs         = 1500000
	maxClickURL            = 2000
)

func newAudience(a *audienceBlock, deps []string) *Audience {
	return &Audience{Name: a.Name, DeclRange: a.DeclRange, DependsOn: deps, Ranges: map[string]hcl.Range{}}
}

// evalAudience evaluates an audience block and records its value known
// after apply, audience.NAME.id.
func (r *run) evalAudience(a *audienceBlock) *Audience {
	addr := "audience." + a.Name
	out := newAudience(a, r.ev.graph.dependsOn[addr])
	ctx := r.ctx(addr)
	if attr := a.Description; attr != nil {
		out.Ranges["description"] = attr.Expr.Range()
		out.Description = r.evalDescription(attr, ctx)
	}
	if attr := a.UserIDs; attr != nil {
		out.Ranges["user_ids"] = attr.Expr.Range()
		out.UserIDs = r.evalUserIDs(attr, ctx)
	}
	if a.Click != nil {
		out.Click = r.evalRetarget(out, a.Click, ctx)
	}
	if a.Impression != nil {
		out.Impression = r.evalRetarget(out, a.Impression, ctx)
	}
	r.casts[addr] = r.audienceValue(addr)
	return out
}

// audienceValue is the value of audience.NAME: id, the audience group ID,
// known when results hold the audience.
func (r *run) audienceValue(addr string) cty.Value {
	if res, done := r.results[addr]; done && res.AudienceID != 0 {
		return cty.ObjectVal(map[string]cty.Value{"id": cty.NumberIntVal(res.AudienceID)})
	}
	return cty.ObjectVal(map[string]cty.Value{
		"id": cty.UnknownVal(cty.Number).Mark(refMark{ref: addr + ".id"}),
	})
}

// knownString evaluates attr as a string that must be known; ok is false
// when it is null, unknown (both reported) or of the wrong type.
func (r *run) knownString(attr *hcl.Attribute, ctx *hcl.EvalContext, required bool) (string, bool) {
	v, _ := r.evalField(fieldSpec{name: attr.Name, kind: stringField, required: required}, attr, ctx).UnmarkDeep()
	switch {
	case v.IsNull():
		return "", false
	case !v.IsKnown():
		r.diags = append(r.diags, mustBeKnown(attr, attr.Name))
		return "", false
	}
	return v.AsString(), true
}

// evalDescription evaluates an audience's description: 1 to 120
// characters, not only spaces, no control characters.
func (r *run) evalDescription(attr *hcl.Attribute, ctx *hcl.EvalContext) string {
	d, ok := r.knownString(attr, ctx, true)
	if !ok {
		return ""
	}
	var why string
	switch n := utf8.RuneCountInString(d); {
	case strings.TrimSpace(d) == "":
		why = "it is empty"
	case n > maxAudienceDescription:
		why = fmt.Sprintf("it has %d", n)
	case strings.IndexFunc(d, unicode.IsControl) >= 0:
		why = "it holds a control character"
	}
	if why != "" {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid audience description",
			Detail:   fmt.Sprintf("An audience's description is its name on LINE: 1 to %d characters, with no control characters; %s.", maxAudienceDescription, why),
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	return d
}

// idHasher counts user IDs and digests them in order, each followed by a
// newline, as IDSet.Digest says. It hashes in blocks of 64 KiB.
type idHasher struct {
	h     hash.Hash
	buf   []byte
	count int
}

func newIDHasher() *idHasher { return &idHasher{h: sha256.New(), buf: make([]byte, 0, 64<<10)} }

func (x *idHasher) add(id []byte) {
	if len(x.buf)+len(id)+1 > cap(x.buf) {
		x.h.Write(x.buf)
		x.buf = x.buf[:0]
	}
	x.buf = append(append(x.buf, id...), '\n')
	x.count++
}

func (x *idHasher) digest() string {
	x.h.Write(x.buf)
	x.buf = x.buf[:0]
	return hex.EncodeToString(x.h.Sum(nil))
}

// isUserID reports whether id is U followed by 32 lowercase hex digits,
// as userIDPattern does, without a regular expression: a file of 1,500,000
// IDs is checked line by line.
func isUserID(id []byte) bool {
	if len(id) != 33 || id[0] != 'U' {
		return false
	}
	for _, c := range id[1:] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// evalUserIDs evaluates user_ids. Exactly file_lines("path") is read by
// streaming the file, never as values; any other expression must be a
// list of strings known when loading.
func (r *run) evalUserIDs(attr *hcl.Attribute, ctx *hcl.EvalContext) *IDSet {
	if call, ok := attr.Expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "file_lines" && len(call.Args) == 1 && !call.ExpandFinal {
		return r.userIDFile(attr, call.Args[0], ctx)
	}
	v := r.evalExpr(attr.Expr, ctx)
	list, err := convert.Convert(v, cty.List(cty.String))
	if err != nil {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Incorrect attribute value type",
			Detail:   fmt.Sprintf("user_ids is a list of user IDs, such as file_lines(\"audiences/vip.txt\"): %s.", err),
			Subject:  attr.Expr.Range().Ptr(),
		})
		return nil
	}
	plain, _ := list.UnmarkDeep()
	if !plain.IsWhollyKnown() {
		r.diags = append(r.diags, mustBeKnown(attr, "user_ids"))
		return nil
	}
	set := &IDSet{}
	x := newIDHasher()
	if !plain.IsNull() {
		for it := plain.ElementIterator(); it.Next(); {
			_, e := it.Element()
			id := e.AsString()
			if !isUserID([]byte(id)) {
				r.diags = append(r.diags, badAudienceID(attr, fmt.Sprintf("element %d, %q,", x.count, id)))
				return nil
			}
			set.IDs = append(set.IDs, id)
			x.add([]byte(id))
		}
	}
	set.Count, set.Digest = x.count, x.digest()
	return r.checkIDCount(attr, set)
}

// userIDFile digests the user IDs of the file at the path pathExpr gives,
// line by line as file_lines reads them, reporting the first line that is
// not a user ID.
func (r *run) userIDFile(attr *hcl.Attribute, pathExpr hcl.Expression, ctx *hcl.EvalContext) *IDSet {
	pv, err := convert.Convert(r.evalExpr(pathExpr, ctx), cty.String)
	pv, _ = pv.UnmarkDeep()
	if err != nil || !pv.IsKnown() || pv.IsNull() {
		r.diags = append(r.diags, pathDiag(pathExpr, "the path must be a string known when loading"))
		return nil
	}
	rel, full, err := r.ev.idFilePath(pv.AsString())
	if err != nil {
		r.diags = append(r.diags, pathDiag(pathExpr, err.Error()))
		return nil
	}
	f, err := openRegular(full, MaxFileBytes)
	if err != nil {
		r.diags = append(r.diags, pathDiag(pathExpr, fmt.Sprintf("cannot read %q: %s", rel, unwrapPathError(err))))
		return nil
	}
	defer f.Close()
	x := newIDHasher()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		id := bytes.TrimSpace(sc.Bytes())
		if len(id) == 0 || id[0] == '#' {
			continue
		}
		if !isUserID(id) {
			r.diags = append(r.diags, badAudienceID(attr, fmt.Sprintf("line %d of %s, %q,", line, rel, truncate(string(id), 40))))
			return nil
		}
		x.add(id)
	}
	if err := sc.Err(); err != nil {
		r.diags = append(r.diags, pathDiag(pathExpr, fmt.Sprintf("cannot read %q: %s", rel, err)))
		return nil
	}
	return r.checkIDCount(attr, &IDSet{File: rel, Count: x.count, Digest: x.digest()})
}

// idFilePath resolves path, relative to the configuration directory and
// not leaving it (also through symbolic links). It returns the path
// cleaned with forward slashes, and the path to open.
func (ev *evaluator) idFilePath(path string) (rel, full string, err error) {
	if filepath.IsAbs(path) || path == "" {
		return "", "", fmt.Errorf("the path %q must be relative to the configuration directory", path)
	}
	clean := filepath.Clean(filepath.FromSlash(path))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", "", fmt.Errorf("the path %q leaves the configuration directory; files must be inside it", path)
	}
	full = filepath.Join(ev.dir, clean)
	if err := (fileFuncs{dir: ev.dir}).inside(full, path); err != nil {
		return "", "", fmt.Errorf("the path %q leads out of the configuration directory through a symbolic link", path)
	}
	return filepath.ToSlash(clean), full, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "..."
}

func pathDiag(expr hcl.Expression, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid user ID file",
		Detail:   fmt.Sprintf("user_ids = file_lines(PATH) reads one user ID a line from a file of the configuration directory; %s.", why),
		Subject:  expr.Range().Ptr(),
	}
}

func badAudienceID(attr *hcl.Attribute, what string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid user ID",
		Detail: fmt.Sprintf("An audience holds user IDs: U followed by 32 lowercase hex digits. In user_ids, %s is not one; "+
			"LINE would refuse the whole upload.", what),
		Subject: attr.Expr.Range().Ptr(),
	}
}

// checkIDCount reports an empty set (an empty audience never becomes
// ready) and one larger than LINE takes.
func (r *run) checkIDCount(attr *hcl.Attribute, set *IDSet) *IDSet {
	var why string
	switch {
	case set.Count == 0:
		why = "it has none; an empty audience never becomes ready to use"
	case set.Count > maxAudienceIDs:
		why = fmt.Sprintf("it has %d", set.Count)
	default:
		return set
	}
	r.diags = append(r.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Wrong number of user IDs",
		Detail:   fmt.Sprintf("An audience holds 1 to 1,500,000 user IDs; %s.", why),
		Subject:  attr.Expr.Range().Ptr(),
	})
	return set
}

// evalRetarget evaluates the click or impression block of an audience:
// the request ID of a broadcast or narrowcast (Unknown until it is sent),
// and a click's URL.
func (r *run) evalRetarget(out *Audience, rb *retargetBlock, ctx *hcl.EvalContext) *Retarget {
	rt := &Retarget{}
	if a := rb.RequestID; a != nil {
		key := rb.Type + ".request_id"
		out.Ranges[key] = a.Expr.Range()
		v := r.evalField(fieldSpec{name: a.Name, kind: stringField, required: true}, a, ctx)
		plain, marks := v.Unmark()
		switch {
		case plain.IsNull():
		case !plain.IsKnown():
			rt.RequestID = Unknown{Ref: r.retargetRef(a, marks)}
		case plain.AsString() == "":
			r.diags = append(r.diags, retargetDiag(a, "it is empty"))
		default:
			rt.RequestID = plain.AsString()
		}
	}
	if a := rb.URL; a != nil {
		out.Ranges[rb.Type+".url"] = a.Expr.Range()
		if u, ok := r.knownString(a, ctx, false); ok {
			if n := utf8.RuneCountInString(u); n > maxClickURL {
				r.diags = append(r.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Click URL too long",
					Detail:   fmt.Sprintf("A click audience's url has at most %d characters; this has %d.", maxClickURL, n),
					Subject:  a.Expr.Range().Ptr(),
				})
			}
			rt.URL = u
		}
	}
	return rt
}

// retargetRef is the Ref of an unknown request ID, reporting one that
// comes from a push or multicast, which LINE cannot build audiences from.
func (r *run) retargetRef(a *hcl.Attribute, marks cty.ValueMarks) string {
	refs := refsOf(marks)
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "broadcast.") && !strings.HasPrefix(ref, "narrowcast.") {
			r.diags = append(r.diags, retargetDiag(a, "it comes from "+ref))
		}
	}
	if len(refs) == 1 {
		return refs[0]
	}
	return r.unknownRef(a.Expr.Range(), marks)
}

func retargetDiag(a *hcl.Attribute, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid request ID",
		Detail: fmt.Sprintf("A click or impression audience is built from the request ID of a broadcast or narrowcast "+
			"(narrowcast.NAME.request_id); %s.", why),
		Subject: a.Expr.Range().Ptr(),
	}
}
