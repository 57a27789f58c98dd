case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
