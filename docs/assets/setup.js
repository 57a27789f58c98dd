// The setup picker (docs/setup/). It selects rules the way gen/select.py does, from the data
// in selection.json, and joins fragments rendered by Python: it formats nothing itself, so the
// table, the CSV and the script are the bytes `eks-sg rules --with ...` prints. Sets of ids
// are objects without a prototype (`set()`): a rule id `constructor` is an id like any other,
// not Object.prototype's property (which made it always "covered", hiding it and its rules).
(function () {
  "use strict";
  var form = document.getElementById("setup-form");
  var out = document.getElementById("setup-result");
  if (!form || !out) return;

  function boxes() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=with]"));
  }

  function chosen() {  // in data order: the order of the questions
    return boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function has(list, item) { return list.indexOf(item) !== -1; }

  function set() { return Object.create(null); }  // keys are data ids only, never inherited

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined; }

  function clash(data, ids) {  // the first pair of chosen categories that exclude each other
    for (var i = 0; i < data.categories.length; i++) {
      var c = data.categories[i];
      if (!has(ids, c.id)) continue;
      var other = c.excludes.filter(function (x) { return has(ids, x); }).sort()[0];
      if (other) return "categories " + c.id + " and " + other + " exclude each other";
    }
    return null;
  }

  function select(data, ids) {  // gen/select.py: in force, present groups, variant, coverage
    var inForce = data.categories.filter(function (c) { return c.baseline || has(ids, c.id); })
      .map(function (c) { return c.id; });
    var present = data.groups.filter(function (g) {
      return !g.only_with.length || g.only_with.some(function (x) { return has(inForce, x); });
    }).map(function (g) { return g.id; });
    var shares = data.categories.filter(function (c) { return c.shares && has(ids, c.id); })
      .map(function (c) { return c.id; }).sort().join(",");
    var variant = data.variants.filter(function (v) { return v.shares.join(",") === shares; })[0];
    var selected = set();
    variant.rules.forEach(function (r) {
      var roles = own(data.roles, r.id);
      var wanted = own(data.categories_of, r.id).some(function (c) { return has(inForce, c); });
      var removed = r.removed_by.some(function (c) { return has(inForce, c); });
      if (wanted && !removed && has(present, roles[0]) && (roles[1] === null || has(present, roles[1]))) {
        selected[r.id] = true;
      }
    });
    var covered = set(), had = set();  // had: the group has the rule from its creation (present)
    variant.rules.forEach(function (r) {
      if (selected[r.id] && r.present) had[r.id] = covered[r.id] = true;
      else if (selected[r.id] && r.coverers.some(function (c) { return selected[c]; })) covered[r.id] = true;
    });
    var rules = variant.rules.filter(function (r) { return selected[r.id] && !covered[r.id]; });
    var folded = variant.rules.filter(function (r) { return covered[r.id]; }).map(function (r) {
      if (r.present) return { rule: r, why: r.present };
      var chosen = r.coverers.filter(function (c) { return selected[c]; });
      var kept = chosen.filter(function (c) { return !covered[c] || had[c]; });
      return { rule: r, why: "already allowed by " + (kept.length ? kept : chosen)[0] };
    });
    return { categories: inForce, rules: rules, covered: folded };
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function table(data, selection) {
    var wrap = element("div", undefined, { "class": "setup-table", tabindex: "0" });
    var t = element("table");
    var head = element("tr");
    data.headers.forEach(function (h) { head.appendChild(element("th", h)); });
    t.appendChild(element("thead")).appendChild(head);
    var body = t.appendChild(element("tbody"));
    selection.rules.forEach(function (r) {
      var row = element("tr", undefined, { "data-rule-id": r.id });
      r.cells.forEach(function (cell, i) {
        var td = row.appendChild(element("td"));
        if (i === 0) {  // the rule's id links to its detail on its group's page
          var page = "../reference/" + own(data.roles, r.id)[0] + "/#" + r.id;
          td.appendChild(element("a", cell, { href: page }));
        } else {
          td.textContent = cell;
        }
      });
      body.appendChild(row);
    });
    wrap.appendChild(t);
    return wrap;
  }

  function coveredList(selection) {
    var details = element("details", undefined, { "class": "setup-covered" });
    details.appendChild(element("summary",
      "Covered: " + selection.covered.length + " rules the groups already allow"));
    var list = details.appendChild(element("ul"));
    selection.covered.forEach(function (c) {
      list.appendChild(element("li", c.rule.id + " (" + c.why + ")", { "data-covered-id": c.rule.id }));
    });
    return details;
  }

  function csvText(data, selection) {
    return data.csv_header + selection.rules.map(function (r) { return r.csv; }).join("");
  }

  function fillIn(text, ids, selection) {  // the placeholders of the headers picker.py wrote
    var words = ids.length ? "--with " + ids.join(",") + " " : "";
    return text.split("--with @WITH@ ").join(words).split("@IN_FORCE@").join(selection.categories.join(", "))
      .split("@COUNT@").join(String(selection.rules.length));
  }

  function used(data, selection) {  // roles and parameters the rules need, in data order
    var roles = set(), params = set();
    selection.rules.forEach(function (r) {
      roles[r.group] = true;
      if (r.peer_role) roles[r.peer_role] = true;
      r.parameters.forEach(function (p) { params[p] = true; });
    });
    return {
      groups: data.groups.filter(function (g) { return roles[g.id]; }),
      parameters: data.parameters.filter(function (p) { return params[p.id]; })
    };
  }

  function terraformText(data, ids, selection) {  // gen/formats/terraform.py module()
    var need = used(data, selection);
    var parts = [fillIn(data.iac.terraform, ids, selection)]
      .concat(need.groups.map(function (g) { return g.terraform; }))
      .concat(need.parameters.map(function (p) { return p.terraform; }))
      .concat(selection.rules.map(function (r) { return r.terraform; }));
    return parts.join("\n");
  }

  function cloudformationText(data, ids, selection) {  // gen/formats/cloudformation.py template()
    var need = used(data, selection);
    var text = fillIn(data.iac.cloudformation, ids, selection);
    if (need.groups.length || need.parameters.length) {
      text += "Parameters:\n" + need.groups.map(function (g) { return g.cloudformation; }).join("") +
        need.parameters.map(function (p) { return p.cloudformation; }).join("");
    }
    text += "Resources:\n" + selection.rules.map(function (r) { return r.cloudformation; }).join("");
    if (!selection.rules.length) text += data.iac.cloudformation_empty;
    return text + fillIn(data.iac.cloudformation_footer, ids, selection);
  }

  var scriptTemplate = null;  // apply-all.sh, fetched once
  function scriptText(ids) {  // `eks-sg rules --format aws-cli`: its default selection filled in
    return scriptTemplate.replace("\ndefault_with=''\n", "\ndefault_with='" + ids.join(",") + "'\n");
  }

  function download(name, text, type) {
    var link = element("a", undefined, { download: name });
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function button(label, action) {
    var b = element("button", label, { type: "button", "class": "md-button" });
    b.addEventListener("click", action);
    return b;
  }

  function diagram(data, selection) {  // Mermaid, from Python's escaped node and edge texts
    var edges = set(), order = [], used = set();
    function add(from, to, label, arrow) {  // solid: required traffic; dotted: optional
      var key = from + " " + to + " " + arrow;
      if (!edges[key]) { edges[key] = []; order.push(key); }
      if (!has(edges[key], label)) edges[key].push(label);
      used[from] = used[to] = true;
    }
    selection.rules.forEach(function (r) { add(r.edge[0], r.edge[1], r.edge[2], r.edge[3]); });
    ["n_alb", "n_nlb"].forEach(function (lb) {  // clients reach a load balancer's listeners
      if (used[lb]) add("n_clients", lb, "listener ports", "-->");
    });
    var lines = ["flowchart LR"];
    Object.keys(data.nodes).forEach(function (id) { if (used[id]) lines.push("  " + id + own(data.nodes, id)); });
    order.forEach(function (key) {
      var ends = key.split(" ");
      lines.push("  " + ends[0] + " " + ends[2] + "|\"" + edges[key].join(", ") + "\"| " + ends[1]);
    });
    return lines.join("\n");
  }

  var drawn = 0;
  function draw(box, text) {  // docs/assets/diagram.js loads Mermaid when the reader asks
    var id = ++drawn, tool = window.eksDiagram;
    if (!tool) {  // diagram.js runs after the page's content: ask again once it has
      window.addEventListener("load", function () { if (id === drawn) draw(box, text); }, { once: true });
      return;
    }
    function render() {
      var inner = document.createElement("div");
      tool.draw(inner, text).then(function () {
        if (id === drawn) { box.textContent = ""; box.appendChild(inner); }
      }, function () { box.textContent = ""; });
    }
    if (window.mermaid && window.mermaid.render) return render();
    box.appendChild(tool.button("Draw the diagram", function () { box.textContent = "Drawing…"; render(); }));
  }

  function update(data) {
    var ids = chosen();
    var url = ids.length ? "?with=" + ids.join(",") : location.pathname;
    history.replaceState(null, "", url);
    out.textContent = "";
    var problem = clash(data, ids);
    if (problem) {
      out.appendChild(element("p", problem + ": choose one.", { "class": "setup-error", role: "alert" }));
      return;
    }
    var selection = select(data, ids);
    var count = selection.rules.length;
    out.appendChild(element("p", count + " rule" + (count === 1 ? "" : "s") + " for: " +
      selection.categories.join(", "), { "class": "setup-summary" }));
    out.appendChild(table(data, selection));
    if (selection.covered.length) out.appendChild(coveredList(selection));
    var actions = out.appendChild(element("p", undefined, { "class": "setup-actions" }));
    var command = "eks-sg rules" + (ids.length ? " --with " + ids.join(",") : "");
    actions.appendChild(button("Download CSV", function () {
      download("rules-setup.csv", csvText(data, selection), "text/csv");
    }));
    actions.appendChild(button("Copy CSV", function () {
      navigator.clipboard.writeText(csvText(data, selection));
    }));
    actions.appendChild(button("Download apply script", function () {
      download("apply-setup.sh", scriptText(ids), "text/x-sh");
    }));
    actions.appendChild(button("Download Terraform", function () {
      download("main.tf", terraformText(data, ids, selection), "text/plain");
    }));
    actions.appendChild(button("Download CloudFormation", function () {
      download("eks-sg-rules.yaml", cloudformationText(data, ids, selection), "text/yaml");
    }));
    actions.appendChild(button("Copy link", function () {
      navigator.clipboard.writeText(location.href);
    }));
    out.appendChild(element("p", "The same from the command line: " + command + " [--format csv|json|aws-cli]",
      { "class": "setup-command" }));
    draw(out.appendChild(element("div", undefined, { "class": "setup-diagram" })), diagram(data, selection));
  }

  function start(data, script) {
    scriptTemplate = script;
    var wanted = (new URLSearchParams(location.search).get("with") || "").split(",");
    boxes().forEach(function (b) { b.checked = has(wanted, b.value); });
    form.addEventListener("change", function () { update(data); });
    update(data);
  }

  Promise.all([
    fetch("selection.json").then(function (r) { return r.json(); }),
    fetch("../downloads/aws-cli/apply-all.sh").then(function (r) { return r.text(); })
  ]).then(function (loaded) { start(loaded[0], loaded[1]); }).catch(function (error) {
    out.textContent = "The rules could not be loaded: " + error;
  });
})();
