confirmed=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -y | --yes) confirmed=1 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
