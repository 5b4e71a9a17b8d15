// Records how many bytes Go's encoding/json (what the API server writes) gives pod manifests
// whose annotation holds characters json.Marshal escapes (<, >, & as \u003c.., U+2028) next to
// the 65,536-byte pod-size limit. For each case it sizes an "x" filler so the Go encoding hits
// the target length, and prints the filler length with the measured length.
// Run: go run pod-size-json.go > ../../../test/contract/fixtures/pod-size-go-json.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// pod is the manifest test/contract/pod-size-json.test.ts builds (same keys and values).
func pod(blob string) map[string]any {
	return map[string]any{
		"apiVersion": "v1",
		"kind":       "Pod",
		"metadata": map[string]any{
			"name":        "escapes",
			"namespace":   "dpf",
			"annotations": map[string]any{"blob": blob, "html": "<b>a & b</b>"},
		},
		"spec": map[string]any{
			"containers": []any{map[string]any{
				"name":  "c",
				"image": "example.com/c:1",
				"ports": []any{map[string]any{"containerPort": 8080.0, "protocol": "TCP"}},
				"resources": map[string]any{"limits": map[string]any{"cpu": 0.5}},
			}},
		},
	}
}

func size(v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return len(b)
}

type record struct {
	Specials string `json:"specials"`
	Filler   int    `json:"filler"`
	Bytes    int    `json:"bytes"`
}

func main() {
	cases := []struct {
		specials string
		target   int
	}{
		{"<", 65536},
		{"<", 65537},
		{"<>&", 65536},
		{"<>&", 65537},
		{"\u2028", 65537},
		{strings.Repeat("&", 200), 65540},
	}
	var out []record
	for _, c := range cases {
		base := size(pod(c.specials))
		n := c.target - base
		blob := c.specials + strings.Repeat("x", n)
		out = append(out, record{Specials: c.specials, Filler: n, Bytes: size(pod(blob))})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"recordedWith": "go run scripts/record/contract/pod-size-json.go (encoding/json json.Marshal)", "cases": out}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
