package preview

import (
	"html/template"
	"strings"
)

// node is one element of the page: a div, or a span when Inline. Text is
// escaped by html/template; Style is built here only from checked values
// (see values.go), never from a configuration's text.
type node struct {
	Inline bool
	Class  string
	Style  template.CSS
	// Path is the JSON path of the component the element draws
	// (data-path), so tests and reviewers can find it.
	Path  string
	Title string
	// Dir is "rtl" or "ltr" when the element sets its direction.
	Dir  string
	Text string
	Kids []*node
}

func div(class string, kids ...*node) *node { return &node{Class: class, Kids: kids} }

func span(class, text string) *node { return &node{Inline: true, Class: class, Text: text} }

func textNode(class, text string) *node { return &node{Class: class, Text: text} }

func (n *node) add(kids ...*node) *node {
	for _, k := range kids {
		if k != nil {
			n.Kids = append(n.Kids, k)
		}
	}
	return n
}

// css collects declarations for a style attribute.
type css struct{ b strings.Builder }

// set adds "prop:value;". Both must come from this package's own
// constants or from the checked values of values.go.
func (c *css) set(prop, value string) *css {
	c.b.WriteString(prop)
	c.b.WriteByte(':')
	c.b.WriteString(value)
	c.b.WriteByte(';')
	return c
}

func (c *css) style() template.CSS { return template.CSS(c.b.String()) }

// withStyle sets n's style and returns n.
func (n *node) withStyle(c *css) *node {
	n.Style = c.style()
	return n
}

const nodeTemplate = `{{define "node"}}{{if .Inline}}<span{{template "attrs" .}}>{{.Text}}{{range .Kids}}{{template "node" .}}{{end}}</span>` +
	`{{else}}<div{{template "attrs" .}}>{{.Text}}{{range .Kids}}{{template "node" .}}{{end}}</div>{{end}}{{end}}` +
	`{{define "attrs"}}{{with .Class}} class="{{.}}"{{end}}{{with .Style}} style="{{.}}"{{end}}` +
	`{{with .Path}} data-path="{{.}}"{{end}}{{with .Title}} title="{{.}}"{{end}}{{with .Dir}} dir="{{.}}"{{end}}{{end}}`
