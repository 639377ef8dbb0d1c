package lang

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Limits on what a configuration directory may make lineup do. A pull
// request can put anything in the directory, and CI plans it with the
// channel's token in the environment: whatever is there is read, parsed
// and evaluated within these bounds, or refused with an error saying
// which was passed and where (docs/security.md names each).
const (
	// MaxConfigBytes is the total size of the *.lineup.hcl files of a
	// directory.
	MaxConfigBytes = 16 << 20
	// MaxFileBytes is the size of a file file(), file_lines() or
	// templatefile() read, or an audience's file of user IDs: 1.5 million
	// IDs, 51 MB, fit.
	MaxFileBytes = 64 << 20
	// MaxNesting is how deep brackets ({, [, () may nest in a
	// configuration file.
	MaxNesting = 256
	// MaxValueBytes is the size of any value an expression or function
	// evaluates to, counted as the bytes of its strings plus 8 for each
	// other element.
	MaxValueBytes = 64 << 20
	// MaxProductElements is how many elements setproduct may make.
	MaxProductElements = 1 << 20
)

// openRegular opens the file at full for reading when it is a regular
// file (after symbolic links) of at most limit bytes: a FIFO would block
// the read forever, a device such as /dev/zero never end. what names the
// file in errors.
func openRegular(full string, limit int64) (*os.File, error) {
	info, err := os.Stat(full)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if err := regular(info, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if info, err = f.Stat(); err != nil || regular(info, limit) != nil {
		f.Close()
		return nil, fmt.Errorf("it changed while being opened")
	}
	return f, nil
}

// regular says why info is not a regular file of at most limit bytes.
func regular(info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("it is not a regular file but %s; only regular files are read", fileKind(info.Mode()))
	}
	if info.Size() > limit {
		return fmt.Errorf("it holds %d bytes, more than the limit of %d", info.Size(), limit)
	}
	return nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	default:
		return "a special file"
	}
}

// readRegular reads the file at full as openRegular allows.
func readRegular(full string, limit int64) ([]byte, error) {
	f, err := openRegular(full, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("it holds more than the limit of %d bytes", limit)
	}
	return b, nil
}

// ReadFileLimited reads a file the way lineup reads any file a
// configuration points at (the source of a diagnostic): a regular file of
// at most MaxFileBytes.
func ReadFileLimited(path string) ([]byte, error) {
	return readRegular(path, MaxFileBytes)
}

// checkConfigFile says why the configuration file at name, in dir, is not
// read: it is a symbolic link leading out of dir, or not a regular file.
// Nothing is opened.
func checkConfigFile(dir, name string) (int64, error) {
	li, err := os.Lstat(name)
	if err != nil {
		return 0, unwrapPathError(err)
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(name)
		if err != nil {
			return 0, fmt.Errorf("it is a symbolic link that leads nowhere: %s", unwrapPathError(err))
		}
		base, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return 0, unwrapPathError(err)
		}
		if rel, err := filepath.Rel(base, resolved); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return 0, fmt.Errorf("it is a symbolic link leading out of the configuration directory; configuration files must be inside it")
		}
	}
	info, err := os.Stat(name)
	if err != nil {
		return 0, unwrapPathError(err)
	}
	if err := regular(info, MaxConfigBytes); err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// fileDiag is an error about the file name as a whole, which its detail
// names. It has no Subject: a printer would read the file to show it.
func fileDiag(summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail}
}

// CheckSource is checkSource, for lineup fmt.
func CheckSource(name string, src []byte) *hcl.Diagnostic { return checkSource(name, src) }

// ReadConfigFile reads a configuration file as Load does: a regular file
// of at most MaxConfigBytes.
func ReadConfigFile(path string) ([]byte, error) { return readRegular(path, MaxConfigBytes) }

// checkSource reports the first invalid UTF-8 byte of src, or the first
// bracket nested deeper than MaxNesting, before src is parsed: hcl's
// parser recurses once per bracket (100,000 overflow the stack), and
// reports every byte after an invalid one.
func checkSource(name string, src []byte) *hcl.Diagnostic {
	pos := hcl.InitialPos
	depth := 0
	for pos.Byte < len(src) {
		r, size := utf8.DecodeRune(src[pos.Byte:])
		end := pos
		end.Byte += size
		end.Column++
		switch {
		case r == utf8.RuneError && size <= 1:
			return &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid character encoding",
				Detail:   fmt.Sprintf("Configuration files must be UTF-8 text; the byte 0x%02x at line %d, column %d is not UTF-8.", src[pos.Byte], pos.Line, pos.Column),
				Subject:  &hcl.Range{Filename: name, Start: pos, End: end},
			}
		case r == '{' || r == '[' || r == '(':
			depth++
			if depth > MaxNesting {
				return &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Nesting too deep",
					Detail:   fmt.Sprintf("Brackets nest more than %d deep here; lineup reads no deeper.", MaxNesting),
					Subject:  &hcl.Range{Filename: name, Start: pos, End: end},
				}
			}
		case r == '}' || r == ']' || r == ')':
			depth--
		}
		pos = end
		if r == '\n' {
			pos.Line++
			pos.Column = 1
		}
	}
	return nil
}

// valueSize is the size of v as MaxValueBytes counts it, counted up to
// just over limit.
func valueSize(v cty.Value, limit int64) int64 {
	v, _ = v.Unmark() // each element unmarks its own: UnmarkDeep at every level walked the value again
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return int64(len(v.AsString()))
	case ty.IsPrimitiveType():
		return 8
	case ty.IsListType() || ty.IsSetType() || ty.IsMapType() || ty.IsTupleType() || ty.IsObjectType():
		var n int64
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			n += 8 + valueSize(e, limit-n)
			if ty.IsMapType() || ty.IsObjectType() {
				n += int64(len(k.AsString()))
			}
			if n > limit {
				return n
			}
		}
		return n
	}
	return 0
}

// tooLarge is the error of a value over MaxValueBytes.
func tooLarge(what string) string {
	return fmt.Sprintf("%s would be larger than %d MiB, the limit on any value lineup evaluates", what, MaxValueBytes>>20)
}

// boundedFunc returns f refusing arguments or a result over
// MaxValueBytes, and for setproduct more than MaxProductElements.
func boundedFunc(name string, f function.Function) function.Function {
	return function.New(&function.Spec{
		Description:  f.Description(),
		Params:       f.Params(),
		VarParam:     f.VarParam(),
		Type:         func(args []cty.Value) (cty.Type, error) { return f.ReturnTypeForValues(args) },
		RefineResult: nil,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			var in int64
			product := int64(1)
			for _, a := range args {
				in += valueSize(a, MaxValueBytes-in)
				if in > MaxValueBytes {
					return cty.UnknownVal(retType), fmt.Errorf("%s", tooLarge("the arguments of "+name))
				}
				if name == "setproduct" {
					plain, _ := a.UnmarkDeep()
					if plain.IsKnown() && !plain.IsNull() && plain.CanIterateElements() {
						product *= int64(plain.LengthInt())
						if product > MaxProductElements {
							return cty.UnknownVal(retType), fmt.Errorf("setproduct would make more than %d elements, the limit", MaxProductElements)
						}
					}
				}
			}
			out, err := f.Call(args)
			if err != nil {
				return out, err
			}
			if valueSize(out, MaxValueBytes) > MaxValueBytes {
				return cty.UnknownVal(retType), fmt.Errorf("%s", tooLarge("the result of "+name))
			}
			return out, nil
		},
	})
}

// boundedFuncs wraps every function of funcs with boundedFunc.
func boundedFuncs(funcs map[string]function.Function) map[string]function.Function {
	for name, f := range funcs {
		funcs[name] = boundedFunc(name, f)
	}
	return funcs
}
