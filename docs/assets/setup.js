// The setup picker (docs/setup/). It selects rules the way gen/select.py does, from the data
// in selection.json, and joins fragments rendered by Python: it formats nothing itself, so the
// table, the CSV, the script, Terraform, the terraform-aws-eks map and CloudFormation are the
// bytes `eks-sg rules --with ... --sg ... --param ...` prints. The values a reader types are
// checked as the command line checks them, and go only where Python marked a place for them
// (@VALUE@, \x01NAME\x02...\x01).
(function () {
  "use strict";
  var form = document.getElementById("setup-form");
  var valuesForm = document.getElementById("setup-values");
  var out = document.getElementById("setup-result");
  var count = document.getElementById("setup-count");
  if (!form || !out) return;

  function boxes() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=with]"));
  }

  function releaseSelect(id) { return form.querySelector("select[data-category='" + id + "']"); }

  // What the answers choose, as gen/reference/versions.py's choose() reads `--with`: the
  // categories (ticked ones without a release, then those the releases bring), the releases
  // (a ticked question's select), and the --with words (ids, then PRODUCT@VERSION), in the
  // order of the questions.
  function chosen(data) {
    var plain = [], releases = [];
    boxes().filter(function (b) { return b.checked; }).forEach(function (b) {
      var select = releaseSelect(b.value), entry = data.releases_of[b.value];
      var option = select && select.value ? entry.releases.filter(function (r) { return r.version === select.value; })[0] : null;
      if (option) releases.push({ category: b.value, product: entry.product, option: option });
      else plain.push(b.value);
    });
    var brought = releases.filter(function (r) { return r.option.category; }).map(function (r) { return r.option.category; });
    return {
      ids: plain.concat(brought.filter(function (c) { return plain.indexOf(c) < 0; })),
      releases: releases,
      words: plain.concat(releases.map(function (r) { return r.product + "@" + r.option.version; }))
    };
  }

  function showSelects() {  // a release select shows while its question is ticked
    boxes().forEach(function (b) {
      var box = form.querySelector(".setup-version[data-category='" + b.value + "']");
      if (box) box.hidden = !b.checked;
    });
  }

  // --- The releases a rule is for (gen/reference/versions.py rule_note, setup_lines) ------

  function picked(choice) {  // category -> the release that brought it
    var found = {};
    choice.releases.forEach(function (r) { if (r.option.category) found[r.option.category] = r.option; });
    return found;
  }

  function noteOf(data, id, inForce, brought) {  // only versioned categories in force need it
    var needing = data.categories.filter(function (c) {
      return inForce.has(c.id) && data.categories_of[id].indexOf(c.id) >= 0;
    });
    if (!needing.length || needing.some(function (c) { return !data.releases_of[c.id]; })) return null;
    return needing.map(function (c) { return brought[c.id] ? brought[c.id].note : data.releases_of[c.id].note; }).join("; ");
  }

  function noted(data, text, note) {  // NOTE and FOR as picker.py marked them
    return text.split(data.marks.note).join(note ? data.marks.lead + note : "").split(data.marks["for"]).join(note || "");
  }

  function releaseLines(data, choice, selection, key) {  // key: "line" (page) or "comment" (script)
    var brought = picked(choice), lines = [];
    selection.categories.forEach(function (c) {
      if (data.releases_of[c]) lines.push(brought[c] ? brought[c][key] : data.releases_of[c][key]);
    });
    choice.releases.forEach(function (r) { if (!r.option.category) lines.push(r.option[key]); });
    return lines;
  }

  function clash(data, ids) {  // the first pair of chosen categories that exclude each other
    var picked = new Set(ids);
    for (var i = 0; i < data.categories.length; i++) {
      var c = data.categories[i];
      if (!picked.has(c.id)) continue;
      var other = c.excludes.filter(function (x) { return picked.has(x); }).sort()[0];
      if (other) return "categories " + c.id + " and " + other + " exclude each other";
    }
    return null;
  }

  function select(data, ids) {  // gen/select.py: in force, present groups, variant, coverage
    var picked = new Set(ids);
    var inForce = data.categories.filter(function (c) { return c.baseline || picked.has(c.id); })
      .map(function (c) { return c.id; });
    var forced = new Set(inForce);
    var present = new Set(data.groups.filter(function (g) {
      return !g.only_with.length || g.only_with.some(function (x) { return forced.has(x); });
    }).map(function (g) { return g.id; }));
    var shares = data.categories.filter(function (c) { return c.shares && picked.has(c.id); })
      .map(function (c) { return c.id; }).sort().join(",");
    var variant = data.variants.filter(function (v) { return v.shares.join(",") === shares; })[0];
    var selected = new Set();
    variant.rules.forEach(function (r) {
      var roles = data.roles[r.id];
      var wanted = data.categories_of[r.id].some(function (c) { return forced.has(c); });
      var removed = r.removed_by.some(function (c) { return forced.has(c); });
      if (wanted && !removed && present.has(roles[0]) && (roles[1] === null || present.has(roles[1]))) {
        selected.add(r.id);
      }
    });
    var covered = new Set(), had = new Set();  // had: the group has the rule from its creation
    variant.rules.forEach(function (r) {
      if (!selected.has(r.id)) return;
      if (r.present) { had.add(r.id); covered.add(r.id); }
      else if (r.coverers.some(function (c) { return selected.has(c); })) covered.add(r.id);
    });
    var rules = variant.rules.filter(function (r) { return selected.has(r.id) && !covered.has(r.id); });
    var folded = variant.rules.filter(function (r) { return covered.has(r.id); }).map(function (r) {
      if (r.present) return { rule: r, why: r.present };
      var chosen = r.coverers.filter(function (c) { return selected.has(c); });
      var kept = chosen.filter(function (c) { return !covered.has(c) || had.has(c); });
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

  // --- What a row is: to add, created by AWS, or already allowed by another rule ---------

  // Every rule of a selection is one to add: those the groups have from their creation (AWS's
  // own, EC2's default egress where the group was made with it) are covered, with their reason.
  var TO_ADD = { kind: "add", text: "to add" };

  function coveredStatus(c) {  // selection.json's reason where it gives one
    return { kind: "covered", text: c.why };
  }

  function counts(selection) {
    return { add: selection.rules.length, there: selection.covered.length };
  }

  // --- The table (stacked cards on a phone: extra.css) -----------------------------------

  function cell(row, label, content) {
    var td = row.appendChild(element("td", undefined, { "data-label": label }));
    if (typeof content === "string") td.textContent = content; else td.appendChild(content);
    return td;
  }

  function ruleLink(data, id) {
    return element("a", id, { href: "../reference/" + data.roles[id][0] + "/#" + id });
  }

  function tableRow(data, rule, state, attribute, notes) {
    var row = element("tr", undefined, { "class": "setup-row setup-row--" + state.kind });
    row.setAttribute(attribute, rule.id);
    cell(row, "Status", element("span", state.text, { "class": "setup-status setup-status--" + state.kind }));
    rule.cells.forEach(function (text, i) {
      cell(row, data.headers[i], i === 0 ? ruleLink(data, text) : noted(data, text, notes[rule.id]));
    });
    return row;
  }

  function table(data, selection, notes) {
    var wrap = element("div", undefined, { "class": "setup-table", id: "setup-table" });
    var t = element("table");
    t.appendChild(element("caption", "The rules of this setup: status first, then the rule"));
    var head = element("tr");
    ["Status"].concat(data.headers).forEach(function (h) { head.appendChild(element("th", h, { scope: "col" })); });
    t.appendChild(element("thead")).appendChild(head);
    var body = t.appendChild(element("tbody"));
    selection.rules.forEach(function (r) { body.appendChild(tableRow(data, r, TO_ADD, "data-rule-id", notes)); });
    selection.covered.forEach(function (c) { body.appendChild(tableRow(data, c.rule, coveredStatus(c), "data-covered-id", notes)); });
    wrap.appendChild(t);
    return wrap;
  }

  // --- The reader's IDs and values, checked as `eks-sg rules --sg/--param` checks them ----

  var SG_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
  var PREFIX_LIST = /^pl-([0-9a-f]{8}|[0-9a-f]{17})$/;

  function ipv4(typed) {  // the network address as Python's ipaddress writes it, or null
    var text = typed.indexOf("/") < 0 ? typed + "/32" : typed;  // one address: ipaddress's /32
    var m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!m) return null;
    var parts = m.slice(1, 5).map(Number), bits = Number(m[5]);
    if (parts.some(function (p, i) { return p > 255 || String(p) !== m[i + 1]; }) || bits > 32 || String(bits) !== m[5]) return null;
    var value = ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
    var host = bits === 32 ? 0 : (0xffffffff >>> bits);
    return (value & host) === 0 ? text : null;
  }

  function ipv6(typed) {  // the network address in RFC 5952 form (Python's), or null
    var text = typed.indexOf("/") < 0 ? typed + "/128" : typed;
    var m = /^([0-9A-Fa-f:]+)\/(\d{1,3})$/.exec(text);
    if (!m || Number(m[2]) > 128 || String(Number(m[2])) !== m[2]) return null;
    var halves = m[1].split("::");
    if (halves.length > 2) return null;
    var head = halves[0] ? halves[0].split(":") : [], tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    var missing = 8 - head.length - tail.length;
    if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
    var groups = head.concat(new Array(halves.length === 2 ? missing : 0).fill("0"), tail);
    if (groups.some(function (g) { return !/^[0-9A-Fa-f]{1,4}$/.test(g); })) return null;
    var numbers = groups.map(function (g) { return parseInt(g, 16); }), bits = Number(m[2]);
    for (var i = 0; i < 8; i++) {  // host bits must be zero
      var keep = Math.max(0, Math.min(16, bits - 16 * i));
      if (numbers[i] & (0xffff >>> keep)) return null;
    }
    var best = -1, length = 0;
    for (var start = 0; start < 8; start++) {  // the longest run of two or more zero groups
      var end = start;
      while (end < 8 && numbers[end] === 0) end++;
      if (end - start > length && end - start > 1) { best = start; length = end - start; }
    }
    var hex = numbers.map(function (n) { return n.toString(16); });
    var written = best < 0 ? hex.join(":") :
      hex.slice(0, best).join(":") + "::" + hex.slice(best + length).join(":");
    return written + "/" + bits;
  }

  function checked(kind, text) {  // [value, null] or [null, what is wrong]
    if (kind === "sg") return SG_ID.test(text) ? [text, null] : [null, "a security group ID is sg- and 8 or 17 hex digits"];
    if (kind === "port") {
      var ok = /^[1-9][0-9]{0,4}$/.test(text) && Number(text) <= 65535;
      return ok ? [text, null] : [null, "a port is a number from 1 to 65535"];
    }
    if (kind === "prefix-list") return PREFIX_LIST.test(text) ? [text, null] : [null, "a prefix-list ID is pl- and 8 or 17 hex digits"];
    var normal = kind === "ipv6-parameter" ? ipv6(text) : ipv4(text);
    if (normal === null) return [null, "an " + (kind === "ipv6-parameter" ? "IPv6" : "IPv4") + " network written as its address and length, e.g. " + (kind === "ipv6-parameter" ? "2001:db8::/56" : "10.0.0.0/16")];
    return normal === text ? [text, null] : [null, "write it as " + normal];
  }

  function used(data, selection) {  // roles and parameters the rules need, in data order
    var roles = new Set(), params = new Set();
    selection.rules.forEach(function (r) {
      roles.add(r.group);
      if (r.peer_role) roles.add(r.peer_role);
      r.parameters.forEach(function (p) { params.add(p); });
    });
    return {
      groups: data.groups.filter(function (g) { return roles.has(g.id); }),
      parameters: data.parameters.filter(function (p) { return params.has(p.id); })
    };
  }

  function field(name) { return valuesForm ? valuesForm.querySelector("[data-value='" + name + "']") : null; }

  function given(data, need) {  // Map: "sg:ROLE" / "param:ID" -> the valid value typed, in data order
    var values = new Map();
    if (!valuesForm) return values;
    Array.prototype.forEach.call(valuesForm.querySelectorAll(".setup-value"), function (f) { f.hidden = true; });
    function read(name, kind) {
      var box = field(name);
      if (!box) return;
      box.hidden = false;
      var input = box.querySelector("input"), message = box.querySelector(".setup-value-error");
      var text = input.value.trim(), result = text ? checked(kind, text) : [null, null];
      message.textContent = result[1] ? result[1] : "";
      if (result[1]) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      if (result[0] !== null) values.set(name, result[0]);
    }
    need.groups.forEach(function (g) { read("sg:" + g.id, "sg"); });
    need.parameters.forEach(function (p) { read("param:" + p.id, p.check); });
    var none = document.getElementById("setup-no-values");  // an empty section says why
    if (none) none.hidden = need.groups.length + need.parameters.length > 0;
    return values;
  }

  // --- The outputs, joined from Python's fragments --------------------------------------

  function valueWords(values) {  // `--sg ROLE=ID --param NAME=VALUE`, as iac.command_line writes them
    var list = [];
    values.forEach(function (value, name) {
      var kind = name.split(":")[0], id = name.slice(kind.length + 1);
      list.push((kind === "sg" ? "--sg " : "--param ") + id + "=" + value);
    });
    return list;
  }

  function fillValues(text, values) {  // CSV cells: \x01NAME\x02WITHOUT\x01
    return text.replace(/\x01([^\x02]*)\x02([^\x01]*)\x01/g, function (all, name, without) {
      return values.has(name) ? values.get(name) : without;
    });
  }

  function csvText(data, selection, values, notes) {
    return data.csv_header + selection.rules.map(function (r) { return noted(data, fillValues(r.csv, values), notes[r.id]); }).join("");
  }

  function fillIn(text, words, selection, values, fmt) {  // the placeholders of the headers picker.py wrote
    var withWords = words.length ? "--with " + words.join(",") + " " : "";
    var given = valueWords(values);
    var filled = text.split("--with @WITH@ ").join(withWords).split("@IN_FORCE@").join(selection.categories.join(", "))
      .split("@COUNT@").join(String(selection.rules.length));
    return given.length ? filled.replace(" --format " + fmt, " " + given.join(" ") + " --format " + fmt) : filled;
  }

  function fragment(item, fmt, values, name) {  // a variable with the reader's value as default
    return values.has(name) ? item.given[fmt].split("@VALUE@").join(values.get(name)) : item[fmt];
  }

  function terraformText(data, words, selection, values, notes) {  // gen/formats/terraform.py module()
    var need = used(data, selection);
    var parts = [fillIn(data.iac.terraform, words, selection, values, "terraform")]
      .concat(need.groups.map(function (g) { return fragment(g, "terraform", values, "sg:" + g.id); }))
      .concat(need.parameters.map(function (p) { return fragment(p, "terraform", values, "param:" + p.id); }))
      .concat(selection.rules.map(function (r) { return noted(data, r.terraform, notes[r.id]); }));
    return parts.join("\n");
  }

  function cloudformationText(data, words, selection, values, notes) {  // gen/formats/cloudformation.py template()
    var need = used(data, selection);
    var text = fillIn(data.iac.cloudformation, words, selection, values, "cloudformation");
    if (need.groups.length || need.parameters.length) {
      text += "Parameters:\n" + need.groups.map(function (g) { return fragment(g, "cloudformation", values, "sg:" + g.id); }).join("") +
        need.parameters.map(function (p) { return fragment(p, "cloudformation", values, "param:" + p.id); }).join("");
    }
    text += "Resources:\n" + selection.rules.map(function (r) { return noted(data, r.cloudformation, notes[r.id]); }).join("");
    if (!selection.rules.length) text += data.iac.cloudformation_empty;
    return text + fillIn(data.iac.cloudformation_footer, words, selection, values, "cloudformation");
  }

  var MARK = /\x01([^\x01\x02]*)\x02([^\x01\x03]*)\x03([^\x01]*)\x01/g;  // \x01NAME\x02WITHOUT\x03WITH\x01
  function fillMarks(text, values) {  // WITH holds @VALUE@
    return text.replace(MARK, function (all, name, without, withValue) {
      return values.has(name) ? withValue.split("@VALUE@").join(values.get(name)) : without;
    });
  }

  function terraformAwsEksText(data, words, selection, values, notes) {  // terraform_aws_eks.render_rules()
    var eks = data.iac.terraform_aws_eks;
    var roles = eks.inputs.map(function (input) { return input.role; });
    var entry = function (r) { return noted(data, r.terraform_aws_eks, notes[r.id]); };
    var body = eks.inputs.map(function (input) {
      return input.open + selection.rules.filter(function (r) { return r.group === input.role; }).map(entry).join("") + eks.close;
    }).join("");
    var others = selection.rules.filter(function (r) { return roles.indexOf(r.group) < 0; });
    if (others.length) body += eks.others + others.map(entry).join("");
    var unfilled = { sg: [], param: [] };  // the variables to declare: roles first, each in order of first use
    body.replace(MARK, function (all, name) {
      var kind = name.split(":")[0], id = name.slice(kind.length + 1);
      if (!values.has(name) && unfilled[kind].indexOf(id) < 0) unfilled[kind].push(id);
      return all;
    });
    var blocks = unfilled.sg.map(function (id) { return data.groups.filter(function (g) { return g.id === id; })[0].terraform; })
      .concat(unfilled.param.map(function (id) { return data.parameters.filter(function (p) { return p.id === id; })[0].terraform; }));
    return fillIn(eks.header, words, selection, values, "terraform-aws-eks") + fillMarks(body, values) +
      (blocks.length ? eks.variables + blocks.join("\n") : "");
  }

  var scriptTemplate = null;  // apply.sh, fetched once
  function scriptText(data, choice, selection, values) {  // `eks-sg rules --format aws-cli`: its defaults filled in
    var lines = "";
    data.groups.concat(data.parameters).forEach(function (item) {
      var name = (data.groups.indexOf(item) >= 0 ? "sg:" : "param:") + item.id;
      if (values.has(name)) lines += item.given.script.split("@VALUE@").join(values.get(name));
    });
    var said = releaseLines(data, choice, selection, "comment").join("");
    // the banner names the command that makes it again (aws_scripts._selection_banner)
    var command = "eks-sg rules --format aws-cli" + (choice.ids.length ? " --with " + choice.ids.join(",") : "");
    return scriptTemplate.split("by `eks-sg build`;").join("by `" + command + "`;")
      .replace("\ndefault_with=''\n", "\n" + said + "default_with='" + choice.ids.join(",") + "'\n" + lines);
  }

  function download(name, text, type) {
    var link = element("a", undefined, { download: name });
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Chromium starts a blob's download after the click returns: revoked at once (a 0 ms
    // timer), a busy browser sometimes found no file and downloaded nothing
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  function button(label, action) {
    var b = element("button", label, { type: "button", "class": "md-button" });
    b.addEventListener("click", action);
    return b;
  }

  function copyButton(label, text) {  // says "Copied" (or why not) for two seconds
    var b = button(label, function () {
      var done = function (said) {
        b.textContent = said;
        setTimeout(function () { b.textContent = label; }, 2000);
      };
      navigator.clipboard.writeText(text()).then(function () { done("Copied"); }, function () { done("Copy failed: select the text"); });
    });
    return b;
  }

  function commandLine(data, words, values) {
    var box = element("div", undefined, { "class": "setup-command" });
    var chooser = element("select", undefined, { id: "setup-format", "aria-label": "Format" });
    data.formats.forEach(function (f) { chooser.appendChild(element("option", f, { value: f })); });
    var code = element("code", undefined, { id: "setup-command-text" });
    function text() {
      return ["eks-sg", "rules"].concat(words.length ? ["--with", words.join(",")] : [], valueWords(values),
        ["--format", chooser.value]).join(" ");
    }
    function show() { code.textContent = text(); }
    chooser.addEventListener("change", show);
    show();
    box.appendChild(element("span", "The same from the command line, as "));
    box.appendChild(chooser);
    box.appendChild(element("br"));
    box.appendChild(code);
    box.appendChild(copyButton("Copy command", text));
    return box;
  }

  function diagram(data, selection) {  // the rows Python drew, each once; clients first
    var box = element("div", undefined, { "class": "setup-diagram", role: "img", "aria-label": "Traffic of this setup" });
    var seen = new Set(), rows = [];
    var roles = new Set();
    selection.rules.forEach(function (r) { roles.add(r.group); if (r.peer_role) roles.add(r.peer_role); });
    Object.keys(data.clients).forEach(function (lb) { if (roles.has(lb)) rows.push(data.clients[lb]); });
    selection.rules.forEach(function (r) { if (!seen.has(r.row)) { seen.add(r.row); rows.push(r.row); } });
    box.innerHTML = rows.join("");  // SVG rendered and escaped by gen/formats/svg.py
    Array.prototype.forEach.call(box.querySelectorAll("svg"), function (s) { s.setAttribute("aria-hidden", "true"); });
    return box;
  }

  function update(data) {
    showSelects();
    var choice = chosen(data), ids = choice.ids, words = choice.words;
    var url = words.length ? "?with=" + words.join(",") : location.pathname;
    history.replaceState(null, "", url);
    out.textContent = "";
    var problem = clash(data, ids);
    if (problem) {
      out.appendChild(element("p", problem + ": choose one.", { "class": "setup-error", role: "alert" }));
      if (count) count.textContent = problem;
      return;
    }
    var selection = select(data, ids);
    var values = given(data, used(data, selection));
    var forced = new Set(selection.categories), brought = picked(choice), notes = {};
    selection.rules.concat(selection.covered.map(function (c) { return c.rule; })).forEach(function (r) {
      notes[r.id] = noteOf(data, r.id, forced, brought);
    });
    var n = counts(selection);
    var line = n.add + " rule" + (n.add === 1 ? "" : "s") + " to add, " + n.there + " already there";
    if (count) count.textContent = line + " (see the table)";
    out.appendChild(element("p", line + ", for: " + selection.categories.join(", "), { "class": "setup-summary" }));
    var said = releaseLines(data, choice, selection, "line");
    if (said.length) {
      var list = out.appendChild(element("ul", undefined, { "class": "setup-releases" }));
      said.forEach(function (text) { list.appendChild(element("li", text)); });
    }
    out.appendChild(table(data, selection, notes));
    var actions = out.appendChild(element("p", undefined, { "class": "setup-actions" }));
    actions.appendChild(button("Download CSV", function () {
      download("rules-setup.csv", csvText(data, selection, values, notes), "text/csv");
    }));
    actions.appendChild(copyButton("Copy CSV", function () { return csvText(data, selection, values, notes); }));
    actions.appendChild(button("Download apply script", function () {
      download("apply-setup.sh", scriptText(data, choice, selection, values), "text/x-sh");
    }));
    actions.appendChild(button("Download Terraform", function () {
      download("main.tf", terraformText(data, words, selection, values, notes), "text/plain");
    }));
    actions.appendChild(button("Download terraform-aws-eks map", function () {
      download("terraform-aws-eks-rules.hcl", terraformAwsEksText(data, words, selection, values, notes), "text/plain");
    }));
    actions.appendChild(button("Download CloudFormation", function () {
      download("eks-sg-rules.yaml", cloudformationText(data, words, selection, values, notes), "text/yaml");
    }));
    actions.appendChild(copyButton("Copy link", function () { return location.href; }));
    out.appendChild(commandLine(data, words, values));
    out.appendChild(diagram(data, selection));
  }

  function key(version) {  // gen/reference/model.py version_key: missing parts are zero
    var parts = version.replace(/^v/, "").split(".").map(Number);
    while (parts.length < 3) parts.push(0);
    return parts;
  }

  function before(a, b) {  // a < b, as tuples compare
    for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  function holding(entry, version) {  // the offered release whose span holds `version`
    if (!/^v?\d+(\.\d+){0,2}$/.test(version)) return null;
    var k = key(version);
    return entry.releases.filter(function (r) {
      return !before(k, r.bounds[0]) && (r.bounds[1] === null || before(k, r.bounds[1]));
    })[0] || null;
  }

  function fromUrl(data) {  // ?with=istio,karpenter@1.0.0: tick the questions, set the selects
    var wanted = (new URLSearchParams(location.search).get("with") || "").split(",");
    boxes().forEach(function (b) {
      var select = releaseSelect(b.value), entry = data.releases_of[b.value];
      b.checked = wanted.indexOf(b.value) >= 0;
      if (select && b.checked) select.value = "";  // --with karpenter: no release named
      if (!select) return;
      wanted.filter(function (w) { return w.indexOf(entry.product + "@") === 0; }).forEach(function (w) {
        var option = holding(entry, w.slice(entry.product.length + 1));
        if (option) { b.checked = true; select.value = option.version; }
      });
    });
  }

  function start(data, script) {
    scriptTemplate = script;
    fromUrl(data);
    form.addEventListener("change", function () { update(data); });
    if (valuesForm) valuesForm.addEventListener("input", function () { update(data); });
    update(data);
  }

  Promise.all([
    fetch("selection.json").then(function (r) { return r.json(); }),
    fetch("../downloads/aws-cli/apply.sh").then(function (r) { return r.text(); })
  ]).then(function (loaded) { start(loaded[0], loaded[1]); }).catch(function (error) {
    out.textContent = "The rules could not be loaded: " + error;
  });
})();
