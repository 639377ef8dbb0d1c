# A bad user ID read with file_lines is reported at its line of
# members.txt (see TestFileLinesErrorAtLine), not at to.
multicast "news" {
  to = file_lines("members.txt")
  text {
    text = "News"
  }
}
