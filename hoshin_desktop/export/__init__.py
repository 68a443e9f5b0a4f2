"""Export: the Word document in the city's submission format (python-docx), and safe file writing. No Qt."""
