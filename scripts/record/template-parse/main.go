// Command template-parse records what Go's text/template/parse makes of template sources: the
// printed tree (Tree.Root.String()) of every template the source defines, or the parse error.
// It reads a JSON array of cases on stdin and writes a JSON array of results on stdout.
//
// Run by record.mjs next to it (stdlib only, works offline):
//
//	go run scripts/record/template-parse/main.go < cases.json
//
// The recording toolchain's Go version is part of the output: helm v3.17.3 was built with Go
// 1.23; record.mjs cross-checks every default-delimiter case against real helm.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"text/template/parse"
)

type parseCase struct {
	Name          string   `json:"name"`
	Input         string   `json:"input"`
	Funcs         []string `json:"funcs"`
	Comments      bool     `json:"comments"`
	SkipFuncCheck bool     `json:"skipFuncCheck"`
	Left          string   `json:"left"`
	Right         string   `json:"right"`
}

type tree struct {
	Name string `json:"name"`
	Root string `json:"root"`
}

// number is one NumberNode: each interpretation Go accepted, floats as IEEE-754 bits in hex.
type number struct {
	Text    string    `json:"text"`
	Int64   *string   `json:"int64,omitempty"`
	Uint64  *string   `json:"uint64,omitempty"`
	Float64 *string   `json:"float64,omitempty"`
	Complex *[]string `json:"complex128,omitempty"`
}

type result struct {
	Name    string   `json:"name"`
	Trees   []tree   `json:"trees,omitempty"`
	Empty   bool     `json:"empty"`
	Numbers []number `json:"numbers,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func bits(f float64) string { return fmt.Sprintf("%016x", math.Float64bits(f)) }

// numbers lists the NumberNodes of a tree in source order.
func numbers(n parse.Node, out *[]number) {
	switch n := n.(type) {
	case *parse.NumberNode:
		num := number{Text: n.Text}
		if n.IsInt {
			v := strconv.FormatInt(n.Int64, 10)
			num.Int64 = &v
		}
		if n.IsUint {
			v := strconv.FormatUint(n.Uint64, 10)
			num.Uint64 = &v
		}
		if n.IsFloat {
			v := bits(n.Float64)
			num.Float64 = &v
		}
		if n.IsComplex {
			v := []string{bits(real(n.Complex128)), bits(imag(n.Complex128))}
			num.Complex = &v
		}
		*out = append(*out, num)
	case *parse.ListNode:
		for _, c := range n.Nodes {
			numbers(c, out)
		}
	case *parse.ActionNode:
		numbers(n.Pipe, out)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			numbers(c, out)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			numbers(a, out)
		}
	case *parse.ChainNode:
		numbers(n.Node, out)
	case *parse.IfNode:
		numbers(n.Pipe, out)
		numbers(n.List, out)
		if n.ElseList != nil {
			numbers(n.ElseList, out)
		}
	case *parse.RangeNode:
		numbers(n.Pipe, out)
		numbers(n.List, out)
		if n.ElseList != nil {
			numbers(n.ElseList, out)
		}
	case *parse.WithNode:
		numbers(n.Pipe, out)
		numbers(n.List, out)
		if n.ElseList != nil {
			numbers(n.ElseList, out)
		}
	case *parse.TemplateNode:
		if n.Pipe != nil {
			numbers(n.Pipe, out)
		}
	}
}

func record(c parseCase) result {
	funcs := map[string]any{}
	for _, name := range c.Funcs {
		funcs[name] = func() {}
	}
	t := parse.New("gotpl")
	if c.Comments {
		t.Mode |= parse.ParseComments
	}
	if c.SkipFuncCheck {
		t.Mode |= parse.SkipFuncCheck
	}
	treeSet := map[string]*parse.Tree{}
	if _, err := t.Parse(c.Input, c.Left, c.Right, treeSet, funcs); err != nil {
		return result{Name: c.Name, Error: err.Error()}
	}
	names := make([]string, 0, len(treeSet))
	for name := range treeSet {
		names = append(names, name)
	}
	sort.Strings(names)
	out := result{Name: c.Name, Empty: parse.IsEmptyTree(treeSet["gotpl"].Root)}
	numbers(treeSet["gotpl"].Root, &out.Numbers)
	for _, name := range names {
		out.Trees = append(out.Trees, tree{Name: name, Root: treeSet[name].Root.String()})
	}
	return out
}

func main() {
	var cases []parseCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	results := []result{}
	for _, c := range cases {
		results = append(results, record(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"go": runtime.Version(), "results": results}); err != nil {
		panic(err)
	}
}
