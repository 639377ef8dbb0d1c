package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/lineupdev/lineup/internal/atomicfile"
	"github.com/lineupdev/lineup/lang"
	"github.com/rogpeppe/go-internal/diff"
)

// fmtOptions are the flags of lineup fmt.
type fmtOptions struct {
	check     bool
	diff      bool
	recursive bool
}

// fmtNeedsFormatting is the exit code of fmt -check when a file is not
// formatted canonically.
const fmtNeedsFormatting = 3

func runFmt(ctx context.Context, g global, args []string, s Streams) int {
	var o fmtOptions
	fs := newFlags("fmt [options] [DIR or FILE ...]", "Rewrites *.lineup.hcl files in the canonical format "+
		"(of the current directory unless directories or files are given) and lists the files it changed.", s)
	fs.BoolVar(&o.check, "check", false, "change nothing; list the files that need formatting and exit 3 if there are any")
	fs.BoolVar(&o.diff, "diff", false, "show the changes as a unified diff")
	fs.BoolVar(&o.recursive, "recursive", false, "also format the files in subdirectories")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(s.Out)
			fs.Usage()
			return 0
		}
		return 1
	}
	targets := fs.Args()
	if len(targets) == 0 {
		targets = []string{"."}
	}
	files, err := fmtFiles(targets, o.recursive)
	if err != nil {
		fmt.Fprintf(s.Err, "Error: %v\n", err)
		return 1
	}
	changed, failed := 0, false
	for _, path := range files {
		ok, diffs := formatFile(path, o, g, s)
		failed = failed || !ok
		if diffs {
			changed++
		}
	}
	switch {
	case failed:
		return 1
	case o.check && changed > 0:
		return fmtNeedsFormatting
	}
	return 0
}

// fmtFiles lists the files to format: each file target as it is, and the
// *.lineup.hcl files of each directory target (and of its subdirectories
// with recursive, leaving out hidden ones), sorted and without repeats.
func fmtFiles(targets []string, recursive bool) ([]string, error) {
	seen := map[string]bool{}
	for _, t := range targets {
		info, err := os.Stat(t)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			seen[filepath.Clean(t)] = true
			continue
		}
		err = filepath.WalkDir(t, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != t && (!recursive || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".lineup.hcl") && !strings.HasPrefix(d.Name(), ".") {
				seen[path] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// formatFile formats one file as o says, listing it on stdout when it is
// not canonical. It returns false after printing an error, and whether
// the file needed formatting.
func formatFile(path string, o fmtOptions, g global, s Streams) (ok, changed bool) {
	src, err := lang.ReadConfigFile(path)
	if err != nil {
		fmt.Fprintf(s.Err, "Error: %s is not read: %v\n", path, err)
		return false, false
	}
	if d := lang.CheckSource(path, src); d != nil { // before hcl's parser: a bad byte, nesting too deep
		printDiags(s.Err, map[string]*hcl.File{path: {Bytes: src}}, hcl.Diagnostics{d}, g, s)
		return false, false
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		printDiags(s.Err, map[string]*hcl.File{path: f}, diags, g, s)
		return false, false
	}
	out := hclwrite.Format(src)
	if bytes.Equal(src, out) {
		return true, false
	}
	fmt.Fprintln(s.Out, path)
	if o.diff {
		slash := filepath.ToSlash(path)
		s.Out.Write(diff.Diff("old/"+slash, src, "new/"+slash, out))
	}
	if !o.check {
		info, err := os.Stat(path)
		if err != nil {
			fmt.Fprintf(s.Err, "Error: %v\n", err)
			return false, true
		}
		if err := atomicfile.Write(path, out, info.Mode().Perm()); err != nil {
			fmt.Fprintf(s.Err, "Error: %v\n", err)
			return false, true
		}
	}
	return true, true
}
