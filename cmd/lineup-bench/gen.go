package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// genConfig writes n pushes spread evenly over 100 files (fewer when n
// is less) into dir: each push has a target and a bundle of two objects,
// a text of about 80 characters and a sticker.
func genConfig(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := min(n, 100)
	for f := range files {
		var b strings.Builder
		for i := f * n / files; i < (f+1)*n/files; i++ {
			fmt.Fprintf(&b, `bundle "b%05d" {
  text {
    text = "Order %05d has shipped from the Lineup Cafe warehouse; it should arrive on Thursday."
  }
  sticker {
    package_id = "446"
    sticker_id = "1988"
  }
}

push "p%05d" {
  to       = "U%032x"
  messages = bundle.b%05d
}

`, i, i, i, i, i)
		}
		name := filepath.Join(dir, fmt.Sprintf("sends%03d.lineup.hcl", f))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// genAudienceFile writes n user IDs, one per line.
func genAudienceFile(path string, n int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		fmt.Fprintf(w, "U%032x\n", i)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
