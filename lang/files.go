package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// functions returns every function a configuration may call: those of
// the package-level functions() and the file functions, which read files
// of the configuration directory. A path is relative to that directory
// and may not leave it; a bad path is an error on the argument.
func (ev *evaluator) functions() map[string]function.Function {
	funcs := functions()
	files := fileFuncs{dir: ev.dir, reads: ev.reads}
	funcs["file"] = files.file()
	funcs["file_lines"] = files.fileLines()
	funcs["templatefile"] = files.templateFile(boundedFuncs(functions()))
	return boundedFuncs(funcs)
}

// fileFuncs reads files of one configuration directory.
type fileFuncs struct {
	dir   string
	reads *fileReads
}

// fileReads records the files the file functions read, by slash path
// relative to the configuration directory, with the hex SHA-256 of what
// was read. Nodes evaluated in parallel call the functions.
type fileReads struct {
	mu     sync.Mutex
	digest map[string]string
}

func (r *fileReads) add(path string, content []byte) {
	sum := sha256.Sum256(content)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.digest == nil {
		r.digest = map[string]string{}
	}
	r.digest[path] = hex.EncodeToString(sum[:])
}

// FilesRead are the files the file functions (file, file_lines,
// templatefile) read while evaluating c, by slash path relative to its
// directory, with the hex SHA-256 of their text: a saved plan's
// configuration hash covers them, so a file changed after the plan is
// seen. Audience files streamed for user_ids are not among them: the
// audience's digest covers those.
func (c *Config) FilesRead() map[string]string {
	out := map[string]string{}
	if c == nil || c.eval == nil || c.eval.reads == nil {
		return out
	}
	c.eval.reads.mu.Lock()
	defer c.eval.reads.mu.Unlock()
	maps.Copy(out, c.eval.reads.digest)
	return out
}

// read returns the text of the file at path, relative to the directory.
func (f fileFuncs) read(path string) (string, error) {
	if filepath.IsAbs(path) || path == "" {
		return "", function.NewArgErrorf(0, "the path %q must be relative to the configuration directory", path)
	}
	clean := filepath.Clean(filepath.FromSlash(path))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", function.NewArgErrorf(0, "the path %q leaves the configuration directory; files must be inside it", path)
	}
	full := filepath.Join(f.dir, clean)
	if err := f.inside(full, path); err != nil {
		return "", err
	}
	b, err := readRegular(full, MaxFileBytes)
	if err != nil {
		return "", function.NewArgErrorf(0, "cannot read %q: %s", path, unwrapPathError(err))
	}
	if !utf8.Valid(b) {
		return "", function.NewArgErrorf(0, "the file %q is not UTF-8 text", path)
	}
	f.reads.add(filepath.ToSlash(clean), b)
	return string(b), nil
}

// inside reports an error when full, with symbolic links resolved, is not
// inside the configuration directory.
func (f fileFuncs) inside(full, path string) error {
	resolved, err := filepath.EvalSymlinks(full)
	if err != nil {
		return nil // a missing file is reported when reading it
	}
	base, err := filepath.EvalSymlinks(f.dir)
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(base, resolved)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return function.NewArgErrorf(0, "the path %q leads out of the configuration directory through a symbolic link", path)
	}
	return nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// file is file(path): the text of a file.
func (f fileFuncs) file() function.Function {
	return function.New(&function.Spec{
		Description: "The text of a file of the configuration directory.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

// fileLines is file_lines(path): the lines of a file, trimmed, without
// empty lines and lines starting with "#".
func (f fileFuncs) fileLines() function.Function {
	return function.New(&function.Spec{
		Description: "The trimmed, non-empty, non-comment lines of a file of the configuration directory.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.List(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.List(cty.String)), err
			}
			name := filepath.Join(f.dir, filepath.Clean(filepath.FromSlash(args[0].AsString())))
			var lines []cty.Value
			offset := 0
			for n, raw := range strings.Split(s, "\n") {
				start := offset
				offset += len(raw) + 1
				l := strings.TrimSpace(raw)
				if l == "" || strings.HasPrefix(l, "#") {
					continue
				}
				lead := strings.Index(raw, l)
				rng := hcl.Range{Filename: name,
					Start: hcl.Pos{Line: n + 1, Column: lead + 1, Byte: start + lead},
					End:   hcl.Pos{Line: n + 1, Column: lead + len(l) + 1, Byte: start + lead + len(l)}}
				lines = append(lines, cty.StringVal(l).Mark(lineMark{rng: rng}))
			}
			if len(lines) == 0 {
				return cty.ListValEmpty(cty.String), nil
			}
			return cty.ListVal(lines), nil
		},
	})
}

// templateFile is templatefile(path, vars): a file rendered as an HCL
// template with vars (an object or map) as its variables and funcs as its
// functions.
func (f fileFuncs) templateFile(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Description: "A file of the configuration directory rendered as a template with the given variables.",
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			vars := args[1]
			ty := vars.Type()
			if vars.IsNull() || !(ty.IsObjectType() || ty.IsMapType()) {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "the variables must be an object or a map, such as { name = \"Ann\" }")
			}
			if !vars.IsWhollyKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			return f.render(args[0].AsString(), src, vars, funcs)
		},
	})
}

func (f fileFuncs) render(path, src string, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate([]byte(src), path, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the template %q has errors: %s", path, diags.Error())
	}
	names := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if !hclsyntax.ValidIdentifier(k.AsString()) {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "%q is not a valid variable name for a template", k.AsString())
		}
		names[k.AsString()] = v
	}
	out, diags := expr.Value(&hcl.EvalContext{Variables: names, Functions: funcs})
	if diags.HasErrors() {
		return cty.UnknownVal(cty.String), fmt.Errorf("rendering %s: %s", path, diags.Error())
	}
	if out.IsNull() || !out.Type().Equals(cty.String) {
		return cty.UnknownVal(cty.String), fmt.Errorf("rendering %s did not give a string", path)
	}
	return out, nil
}
