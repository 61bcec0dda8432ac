// Command pod-template-hash prints, as JSON, what the TypeScript reference
// needs to hash pod templates exactly as kube-controller-manager does:
// the Go layout of v1.PodTemplateSpec (every struct field in order, its
// JSON name, and the type go-spew prints), and check values: sample
// templates with controller.ComputeHash's result and the go-spew text it
// hashed. Run by .ci/pod-template-hash/generate; its output is committed.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/utils/dump"
)

type field struct {
	Name   string `json:"name"`
	JSON   string `json:"json,omitempty"`
	Inline bool   `json:"inline,omitempty"`
	Type   string `json:"type"`
}

type layout struct {
	Kind   string  `json:"kind"`
	Elem   string  `json:"elem,omitempty"`
	Key    string  `json:"key,omitempty"`
	Fields []field `json:"fields,omitempty"`
}

func walk(t reflect.Type, types map[string]layout, pkgs map[string]string) {
	name := t.String()
	if _, seen := types[name]; seen {
		return
	}
	if pkg, ok := pkgs[name]; ok && pkg != t.PkgPath() {
		panic(fmt.Sprintf("two types print as %s: %s and %s", name, pkg, t.PkgPath()))
	}
	pkgs[name] = t.PkgPath()
	l := layout{Kind: t.Kind().String()}
	types[name] = l
	switch t.Kind() {
	case reflect.Ptr, reflect.Slice, reflect.Array:
		l.Elem = t.Elem().String()
		walk(t.Elem(), types, pkgs)
	case reflect.Map:
		l.Key, l.Elem = t.Key().String(), t.Elem().String()
		walk(t.Key(), types, pkgs)
		walk(t.Elem(), types, pkgs)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("json"), ",")
			fl := field{Name: f.Name, JSON: tag[0], Type: f.Type.String()}
			if f.Anonymous && tag[0] == "" {
				fl.Inline = true
			}
			if tag[0] == "-" {
				fl.JSON = ""
			}
			l.Fields = append(l.Fields, fl)
			walk(f.Type, types, pkgs)
		}
	}
	types[name] = l
}

type sample struct {
	Name           string          `json:"name"`
	Template       json.RawMessage `json:"template"`
	CollisionCount *int32          `json:"collisionCount,omitempty"`
	Spew           string          `json:"spew"`
	Hash           string          `json:"hash"`
}

func main() {
	types := map[string]layout{}
	walk(reflect.TypeOf(v1.PodTemplateSpec{}), types, map[string]string{})

	var samples []sample
	if err := json.NewDecoder(os.Stdin).Decode(&samples); err != nil {
		panic(err)
	}
	for i := range samples {
		var t v1.PodTemplateSpec
		if err := json.Unmarshal(samples[i].Template, &t); err != nil {
			panic(err)
		}
		samples[i].Spew = dump.ForHash(t)
		samples[i].Hash = controller.ComputeHash(&t, samples[i].CollisionCount)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(map[string]any{"types": types, "samples": samples}); err != nil {
		panic(err)
	}
}
