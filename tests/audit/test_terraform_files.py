"""What the plan gate reads from `.tf` files itself: strings and comments told from code,
block lines, the keys of a module block's maps, and each local's references. The expected
values are written here from reading the snippets."""

from __future__ import annotations

from pathlib import Path

from gen.audit.terraform_files import blank, read_folder, references

TEXT = """# resource "aws_security_group" "commented" {
locals {
  name = "${var.prefix}-sg \\" local.not_code" # local.comment
  peer = var.on ? aws_security_group.node[0].id : data.aws_security_group.other.id
  joined = join(",", [for k, v in var.rules : v.cidr])
  doc = <<-EOT
    local.heredoc_text ${module.net.vpc_id}
  EOT
  rules = { for k, v in merge(local.a, var.b) : k => v if local.create }
}

resource "aws_security_group" "node" {
  description = "module.x.y in a string" /* aws_security_group.c.id */
}

module "eks" {
  source = "./eks"
  node_rules = {
    ingress_15017 = {
      port = 15017
    }
    "quoted_key" = { port = 1 }
  }
}
"""


def test_strings_and_comments_are_not_code() -> None:
    code = blank(TEXT)
    assert len(code) == len(TEXT)
    assert code.count("\n") == TEXT.count("\n")
    assert "not_code" not in code
    assert "comment" not in code
    assert "commented" not in code
    assert "heredoc_text" not in code
    assert "${module.net.vpc_id}" in code
    assert "${var.prefix}" in code  # an interpolation is code


def test_references_are_spelt_as_the_plan_json_spells_them(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TEXT)
    folder = read_folder(tmp_path)
    refs = {name: local.references for name, local in folder.locals.items()}
    assert refs == {
        "name": ("var.prefix",),
        "peer": ("var.on", "aws_security_group.node[0].id", "data.aws_security_group.other.id"),
        "joined": ("var.rules",),
        "doc": ("module.net.vpc_id",),
        "rules": ("local.a", "var.b", "local.create"),
    }
    assert folder.locals["peer"].line == 4
    path = (tmp_path / "main.tf").as_posix()
    assert folder.blocks == {("resource", "aws_security_group", "node"): (path, 12),
                             ("module", "eks"): (path, 16)}  # fmt: skip
    assert folder.keyed["eks"] == {"node_rules": (path, 18), "ingress_15017": (path, 19),
                                   "quoted_key": (path, 22)}  # fmt: skip


def test_an_expression_is_read_where_it_is() -> None:
    text = "x = try(each.value.a, false) ? local.sg : aws_security_group.b.id"
    assert references(blank(text), text) == ("each.value", "local.sg", "aws_security_group.b.id")
